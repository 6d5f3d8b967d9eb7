# JupyterLab as `make lab` starts it: nothing fetched from the internet, settings shipped with
# the project (not written into the user's home).
from pathlib import Path

c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
# overrides.json here: the notification extension neither asks about nor fetches news
c.LabServerApp.app_settings_dir = str(Path(__file__).parent)
