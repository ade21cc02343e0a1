"""Only the wheel's tag lives here (everything else is in pyproject.toml).

A wheel built with a libvipps.so* copied into src/vipps (scripts/build-wheel.sh does that) carries
a native library, so it must not be tagged pure Python: it is tagged py3-none-<platform> (any
Python 3, through ctypes, on this platform). Without a bundled library it stays a pure wheel that
looks for the system's libvipps.
"""

import glob
import os

from setuptools import setup
from setuptools.dist import Distribution

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools before 70.1
    from wheel.bdist_wheel import bdist_wheel

HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLED = bool(glob.glob(os.path.join(HERE, "src", "vipps", "libvipps.so*")))


class _Distribution(Distribution):
    def has_ext_modules(self):
        return BUNDLED


class _BdistWheel(bdist_wheel):
    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = not BUNDLED

    def get_tag(self):
        python, abi, platform = super().get_tag()
        return ("py3", "none", platform) if BUNDLED else (python, abi, platform)


setup(distclass=_Distribution, cmdclass={"bdist_wheel": _BdistWheel})
