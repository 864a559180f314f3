"""The names of an evidence bundle's members: what ``bundle`` writes is what ``verify``
looks for."""

MANIFEST = "manifest.json"
TIMELINE_JSON = "timeline.json"
TIMELINE_HTML = "timeline.html"
SIGNATURE = "signature.json"
SIGNING_KEY = "signing-key.pem"
MESSAGES_DIR = "messages/"
