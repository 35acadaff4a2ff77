"""ccmctl: universalization and implementation toolkit for the Convention on Cluster Munitions."""

__version__ = "0.1.0"
