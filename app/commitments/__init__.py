"""Follow-through (SPEC §10): commitments, their delivery, reminders, the review pack and the
calendar feed."""
