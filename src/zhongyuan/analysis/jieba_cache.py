"""Where jieba keeps its dictionary's cache. A module of its own, without pandas, so that the
kernels' zygote (zhongyuan.build.kernels) is given the same folder the tokenizers use."""
from __future__ import annotations

import os
import tempfile


def jieba_cache_dir(create: bool = True) -> str:
    """A folder of this user's in the temp folder, made unless create is False (the zygote only
    looks there: a build that needs no jieba leaves nothing in the temp folder). jieba's own
    place is the temp folder itself, shared by every user: where another user's jieba.cache
    was there, jieba could not replace it and left a 9 MB temporary file behind at every start."""
    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    folder = os.path.join(tempfile.gettempdir(), f"zhongyuan-jieba-{user}")
    if create:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    return folder
