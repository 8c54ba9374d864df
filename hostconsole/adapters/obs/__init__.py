"""OBS Studio through obs-websocket 5: a supervised link that drives scenes and sources."""

import logging

# obsws-python logs the password at INFO, shows it in repr() and logs its own tracebacks at
# ERROR. Nothing it says reaches a handler: the link reports every failure itself, without
# secrets. (obsws-python 1.8.0, baseclient.ObsClient.__init__ and reqs.ReqClient.send.)
_obsws_logger = logging.getLogger("obsws_python")
_obsws_logger.setLevel(logging.CRITICAL + 1)
_obsws_logger.propagate = False
_obsws_logger.addHandler(logging.NullHandler())
