"""The record's leaf concepts, imported by every feature and importing none.

``lifecycle`` (states and allowed moves, derived status), ``deadlines`` (time arithmetic in
the owner's zone), ``chain`` (the event hash chain), ``events`` (the one writer of the
chain), ``record`` (locking an agreement, moving a counterparty, refreshing its status) and
``mailboxes`` (the keys polling progress is stored under).
"""
