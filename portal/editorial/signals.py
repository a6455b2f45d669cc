from django.dispatch import Signal

# Sent after a transition commits: sender=model class, item, log (TransitionLog), user.
transitioned = Signal()
# Sent after a save that changes what readers may see: sender=model class, item.
content_changed = Signal()
