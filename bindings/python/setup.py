"""Only the wheel's tag lives here (everything else is in pyproject.toml).

A wheel built with a libvipps.so* copied into src/vipps (scripts/build-wheel.sh does that) carries
a native library, so it must not be tagged pure Python: it is tagged py3-none-<platform> (any
Python 3, through ctypes, on this platform). Without a bundled library it stays a pure wheel that
looks for the system's libvipps.

The sdist (scripts/build-sdist.sh) carries the library's sources in libvipps/ instead: building a
wheel from it first builds the release library there (`make library`, which needs the Swift
toolchain) and puts it into the wheel the same way.
"""

import glob
import os
import shutil
import subprocess

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools before 70.1
    from wheel.bdist_wheel import bdist_wheel

HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLED = bool(glob.glob(os.path.join(HERE, "src", "vipps", "libvipps.so*")))
LIBRARY_SOURCES = os.path.join(HERE, "libvipps")
BUILDS_LIBRARY = not BUNDLED and os.path.isfile(os.path.join(LIBRARY_SOURCES, "Package.swift"))
NATIVE = BUNDLED or BUILDS_LIBRARY


class _BuildPy(build_py):
    def run(self):
        super().run()
        if not BUILDS_LIBRARY:
            return
        with open(os.path.join(LIBRARY_SOURCES, "VERSION"), encoding="utf-8") as f:
            version = f.read().strip()
        # The library's manifest without the simulator's package dependencies: nothing to fetch.
        env = dict(os.environ, VIPPS_LIBRARY_ONLY="1")
        subprocess.run(["make", "-C", LIBRARY_SOURCES, "library"], check=True, env=env)
        built = os.path.join(LIBRARY_SOURCES, "build", "lib", f"libvipps.so.{version}")
        shutil.copyfile(built, os.path.join(self.build_lib, "vipps", "libvipps.so.0"))


class _Distribution(Distribution):
    def has_ext_modules(self):
        return NATIVE


class _BdistWheel(bdist_wheel):
    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = not NATIVE

    def get_tag(self):
        python, abi, platform = super().get_tag()
        return ("py3", "none", platform) if NATIVE else (python, abi, platform)


setup(distclass=_Distribution, cmdclass={"bdist_wheel": _BdistWheel, "build_py": _BuildPy})
