"""The WSGI application (what `netral serve` runs; also for any WSGI server)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netral.settings")
# Serving needs the static folder (importing the settings alone writes nothing); made before
# the static-file middleware looks for it.
settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
application = get_wsgi_application()
