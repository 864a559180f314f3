"""Time-driven rules: deemed acceptance, reminders and weekly digests (SPEC §6).

Every rule is a sweep over due rows found through an index, so its cost follows the number
of due items. Each item is handled on its own savepoint (a group of them per transaction)
under its agreement's lock, with a conditional update or a unique key making it happen
exactly once on any number of workers.
"""
