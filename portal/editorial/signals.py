from django.dispatch import Signal

# Sent after a transition commits: sender=model class, item, log (TransitionLog), user.
transitioned = Signal()
# Sent inside the approving transaction of a publish or force-publish, once the pending change
# is applied and the published revision recorded: sender=model class, item, user. What a
# receiver writes is part of the approval (it commits or rolls back with it).
approved = Signal()
# Sent after a save that changes what readers may see: sender=model class, item.
content_changed = Signal()
# Sent after an item was given to someone ("Giao cho") commits: sender, item, assignment, user.
assigned = Signal()
# Sent after a message was added to an item's notes thread: sender, item, note, user.
noted = Signal()
