"""Errors of the numerical core that the plugin shows in the user's language.

The core cannot import Qt, so an error keeps its English template apart from its values: the plugin translates
the template (pylupdate collects every template marked with QT_TRANSLATE_NOOP, context "core") and fills in the
values; used from plain Python, str(error) is the English message.
"""


def QT_TRANSLATE_NOOP(context, text):  # noqa: N802 (the name pylupdate looks for)
    """Mark `text` for translation in `context`; returns it unchanged."""
    return text


class CoreError(ValueError):
    """An error whose message is template.format(*values)."""

    def __init__(self, template, *values):
        super().__init__(template.format(*values) if values else template)
        self.template, self.values = template, values
