"""Warm kernels (zhongyuan.build.kernels): a kernel forked from the zygote is the kernel
jupyter_client would have started, as a notebook sees it."""
from __future__ import annotations

import nbformat
import pytest
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient

from zhongyuan.build import kernels

# What a notebook can tell of its kernel: its folder, environment and import path, pandas' and matplotlib's
# settings (both decided as they are imported), whether it leads a session of its own, and
# whether a figure left at the end of a cell is shown (the inline backend's hook in the shell),
# and the picture it is shown as.
PROBE = ["import os, sys, matplotlib, pandas as pd\n"
         "print(os.getcwd(), os.environ.get('ZY_PROBE'), sys.path)\n"
         "print(pd.get_option('display.max_columns'), pd.get_option('display.width'))\n"
         "print(matplotlib.get_backend(), os.getsid(0) == os.getpid())",
         "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nNone"]


def _run(manager, folder) -> list:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in PROBE]
    NotebookClient(nb, kernel_name="python3", kernel_manager_class=manager, shutdown_kernel="immediate",
                   resources={"metadata": {"path": str(folder)}}).execute()
    return [[(o["output_type"], o.get("text") or sorted(o.get("data", {})), o.get("data", {}).get("image/png"))
             for o in c.outputs] for c in nb.cells]


@pytest.mark.skipif(not kernels.FORKS, reason="warm kernels are forked on Linux only")
def test_a_warm_kernel_shows_a_notebook_what_a_cold_one_shows(tmp_path, monkeypatch):
    monkeypatch.setenv("ZY_PROBE", "given")
    cold = _run(AsyncKernelManager, tmp_path)
    warm = _run(kernels.AsyncWarmKernelManager, tmp_path)
    assert warm == cold  # the figure's picture too, byte for byte
    said = cold[0][0][1]
    assert said.startswith(f"{tmp_path} given [") and "\n20 80\n" in said and said.endswith(" True\n"), said
    assert [out[:2] for out in cold[1]] == [("display_data", ["image/png", "text/plain"])]  # shown inline
    assert kernels._zygote.get("proc") is not None and kernels._zygote["proc"].poll() is None, \
        "the warm kernel did not come from this process's zygote"
