from django import template

from pages import chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """Operator, menu and legal links of the request's site, from the cache (pages.chrome)."""
    return chrome.site_chrome(context.get("request"))


@register.simple_tag(takes_context=True)
def menu_items(context, site):
    """The menu of ``site_chrome`` with the current page marked."""
    current = context.get("page")
    return [
        {
            **item,
            "current": bool(current)
            and (current.pk == item["pk"] or current.path.startswith(item["path"])),
        }
        for item in (site or {}).get("menu", ())
    ]


@register.simple_tag
def breadcrumb_pages(page):
    """The page's ancestors below the tree's root; from the route if it brought them."""
    known = getattr(page, "breadcrumb_ancestors", None)
    if known is not None:
        return known()
    return list(page.get_ancestors().filter(depth__gte=2))
