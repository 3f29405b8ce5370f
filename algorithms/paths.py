"""Where the plugin's shipped files are, wherever the plugin is installed."""
import os

RESOURCES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources")
