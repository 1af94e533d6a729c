"""Run-time hook for the frozen program: PyInstaller's PySide6 hook, without importing Qt.

PyInstaller's own hook (pyi_rth_pyside6) imports PySide6.QtCore at every start to register
an embedded qt.conf, which costs about 0.4 s here even for ``studyvisit --version`` or a
command-line export that never touches Qt (start-up budget, DESIGN §5). This hook sets the
same paths and registers the same qt.conf, but only when the program first imports
PySide6.QtCore. build.spec puts it in place of PyInstaller's hook.
"""

import importlib.abc
import importlib.util
import os
import sys


def _pyi_rthook():
    from _pyi_rth_utils import is_macos_app_bundle, prepend_path_to_environment_variable
    from _pyi_rth_utils import qt as qt_rth_utils

    qt_rth_utils.ensure_single_qt_bindings_package("PySide6")
    if sys.platform.startswith("win"):
        qt_path = os.path.join(sys._MEIPASS, "PySide6")
    else:
        qt_path = os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_path, "plugins")
    if sys.platform.startswith("win"):
        prepend_path_to_environment_variable(sys._MEIPASS, "PATH")
    if sys.platform == "darwin" and not is_macos_app_bundle:
        prepend_path_to_environment_variable(sys._MEIPASS, "DYLD_LIBRARY_PATH")

    class QtCoreFirstImport(importlib.abc.MetaPathFinder):
        """Registers qt.conf right after PySide6.QtCore is loaded, then steps aside."""

        def find_spec(self, name, path, target=None):
            if name != "PySide6.QtCore":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            if spec is None or spec.loader is None:
                return spec
            load = spec.loader.exec_module

            def exec_module(module):
                load(module)
                qt_rth_utils.create_embedded_qt_conf("PySide6", qt_path)

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, QtCoreFirstImport())


_pyi_rthook()
del _pyi_rthook
