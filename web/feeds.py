"""What the portal's RSS/Atom feeds share: items prepared with their link and GUID.

A feed object serves every request, so each feed puts what needs the
request (the absolute link, the GUID with the site's host) on its items in
``items()``; this mixin reads it back for Django's syndication framework.
"""


class PreparedItemsFeed:
    """For feeds whose items carry ``feed_link``, ``feed_guid`` and a ``department``."""

    # The GUID is a tag: URI, stable when a slug changes; not a link.
    item_guid_is_permalink = False

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.feed_link

    def item_guid(self, item):
        return item.feed_guid

    def item_author_name(self, item):
        return item.department.name if item.department else None
