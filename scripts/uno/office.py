"""A headless LibreOffice of our own for the scripts here (python3-uno): a private
profile and pipe, so it never meets the user's office or another test's, and always
terminated, killed if it will not go.

    with office() as (ctx, desktop):
        doc = desktop.loadComponentFromURL(url(path), "_blank", 0, (prop("Hidden", True),))
"""

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def _connect(pipe, proc):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 120
    while True:
        try:
            return resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except NoConnectException:
            if proc.poll() is not None or time.time() > deadline:
                raise SystemExit("soffice did not start")
            time.sleep(0.2)


@contextlib.contextmanager
def office():
    """Yields (component context, desktop) of a fresh soffice; ends it afterwards."""
    profile = tempfile.mkdtemp(prefix="jianggao-uno-")
    pipe = "jianggao-" + uuid.uuid4().hex
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
         "--nodefault", "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
         "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = _connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx)
        yield ctx, desktop
        try:
            desktop.terminate()
        except Exception:  # the bridge goes down with the office
            pass
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
