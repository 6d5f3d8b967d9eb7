"""The main job: execute the notebooks, build the site, decks and PDFs (`python -m zhongyuan.build`)."""
