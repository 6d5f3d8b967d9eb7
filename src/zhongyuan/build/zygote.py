"""A warm parent for notebook kernels: started once, it imports what every kernel imports
(ipykernel, IPython, pandas, numpy, matplotlib, jieba and its dictionary), then forks one
python3 kernel per request. A kernel so made starts and imports those in about 0.5 s instead
of 4.15 s (the notebooks' floor, measured by make bench on 2026-12-07), and runs the same code:
these modules are the same files, imported before the fork instead of after it.

Run as a file by zhongyuan.build.kernels (`python .../zygote.py FD JIEBA_DIR`), never imported: nothing
of zhongyuan is imported here, so every kernel imports the package (and reads data/) afresh.
Requests come one JSON line at a time on stdin: {"argv", "env", "cwd"}. The child writes its
pid to file descriptor FD once it leads a session of its own (as a kernel jupyter_client
starts does), then becomes the kernel. At the end of stdin (the process that started it has
ended) it kills the kernels still running and exits.
"""
import json
import os
import signal
import sys
import warnings

# What the kernels import themselves: the site's, and the notebooks'. Not matplotlib's inline
# backend, which hooks itself into the IPython shell when imported and so must be imported in
# the kernel (pyplot loads it on the first figure).
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "IPython.core.interactiveshell",
           "numpy", "pandas", "matplotlib", "matplotlib.pyplot", "matplotlib.font_manager", "PIL.Image",
           "jieba", "jieba.posseg", "jieba.analyse")


class _Kernel:
    kernel = True  # what pandas looks for: "IPython as a Jupyter kernel"


def _preload(jieba_dir: str) -> None:
    # As the kernel does before any figure: the inline backend, unless the user chose one.
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    # pandas decides as it is imported whether it runs in a terminal (then display.max_columns
    # is 0: tables cut to the terminal's width) or in a kernel (20, what the committed
    # notebooks show). Imported here, it would take this process for a terminal: it is told
    # what the kernels will be.
    import builtins

    builtins.get_ipython = _Kernel
    try:
        import pandas  # noqa: F401
    except ImportError:
        pass
    finally:
        del builtins.get_ipython
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # jieba's pkg_resources import, seen in no kernel
        for name in PRELOAD:
            try:
                __import__(name)
            except ImportError:  # an optional one missing: the kernel imports it if it can
                pass
    import jieba

    jieba.setLogLevel(60)  # its logger writes to this stderr; the kernels set their own level
    # its dictionary (0.6 s to read), which zhongyuan.analysis.text copies; only from the
    # cache that module has jieba keep (jieba_dir, zhongyuan.analysis.jieba_cache: this
    # user's folder in the temp folder), if there is one: building it writes one, which a
    # kernel that needs no jieba would never have done
    jieba.dt.tmp_dir = jieba_dir
    if os.access(os.path.join(jieba.dt.tmp_dir, "jieba.cache"), os.R_OK):
        jieba.dt.initialize()


def _become_kernel(request: dict, reply: int) -> None:
    """In the child: the process jupyter_client would have started, then the kernel."""
    os.setsid()  # interrupts go to the kernel's own group, as with jupyter_client's launcher
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the kernel waits for its own subprocesses
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.write(reply, f"{os.getpid()}\n".encode())
    os.close(reply)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    import matplotlib

    # the backend the kernel's environment names (the preload chose from the zygote's)
    matplotlib.rcParams["backend"] = os.environ.get("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    import ipykernel_launcher
    from ipykernel import kernelapp

    sys.argv = [ipykernel_launcher.__file__, *request["argv"]]
    # this process is the kernel's parent: it ends when this one does (ipykernel's poller)
    kernelapp.launch_new_instance(argv=[*request["argv"], f"--IPKernelApp.parent_handle={os.getppid()}"])


def main() -> None:
    reply = int(sys.argv[1])
    if sys.path and os.path.dirname(os.path.abspath(__file__)) == os.path.abspath(sys.path[0] or "."):
        del sys.path[0]  # this folder (zhongyuan/build) is not the kernels' import path
    _preload(sys.argv[2])
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels reap themselves: no zombies
    children = []
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                _become_kernel(request, reply)
                code = 0
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else 1
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        children.append(pid)
    for pid in children:  # the parent has gone: no kernel of its outlives it
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass


if __name__ == "__main__":
    main()
