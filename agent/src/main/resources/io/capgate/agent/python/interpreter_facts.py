# Printed as one JSON object by InterpreterProbe, run as: <python> -I -S -c <this file's text>.
# -I: ignore PYTHON* variables and the user site; -S: do not run site.main(), so no .pth file
# is executed. Without site.main() a venv may not be applied (in 3.11 it is site.venv() that
# sets sys.prefix), so its logic is repeated here, before sysconfig caches anything. On Debian
# site.getsitepackages() returns the patched dist-packages list
# (/usr/local/lib/python3.X/dist-packages, /usr/lib/python3/dist-packages, ...).
import json
import os
import platform
import sys

prefixes = [sys.prefix, sys.exec_prefix]
in_venv = sys.prefix != sys.base_prefix
system_site = True
exe_dir = os.path.dirname(os.path.abspath(sys.executable))
site_prefix = os.path.dirname(exe_dir)
for conf in (os.path.join(exe_dir, "pyvenv.cfg"), os.path.join(site_prefix, "pyvenv.cfg")):
    if os.path.isfile(conf):
        in_venv = True
        system_site = False
        with open(conf, encoding="utf-8") as cfg:
            for line in cfg:
                key, _, value = line.partition("=")
                if key.strip().lower() == "include-system-site-packages":
                    system_site = value.strip().lower() == "true"
        sys.prefix = sys.exec_prefix = site_prefix
        prefixes = [sys.prefix] + (prefixes if system_site else [])
        break

import site  # noqa: E402  (after the prefix change: site reads it at import)
import sysconfig  # noqa: E402

paths = sysconfig.get_paths()
print(json.dumps({
    "implementation": sys.implementation.name,
    "version": platform.python_version(),
    "hexVersion": sys.hexversion,
    "executable": sys.executable,
    "prefix": sys.prefix,
    "basePrefix": sys.base_prefix,
    "venv": in_venv,
    "stdlib": paths["stdlib"],
    "platstdlib": paths["platstdlib"],
    "purelib": paths["purelib"],
    "platlib": paths["platlib"],
    "sitePackages": site.getsitepackages(prefixes),
    "userSite": site.getusersitepackages(),
    "userSiteEnabled": system_site,
    "libdir": sysconfig.get_config_var("LIBDIR") or "",
    "ldlibrary": sysconfig.get_config_var("LDLIBRARY") or "",
}))
