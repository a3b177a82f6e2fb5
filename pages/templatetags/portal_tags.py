from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_items(context):
    """The start page's children marked 'show in menus', and whether we are in them."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    current = context.get("page")
    items = []
    for menu_page in site.root_page.get_children().live().in_menu():
        is_current = bool(current) and (
            current.pk == menu_page.pk or current.path.startswith(menu_page.path)
        )
        items.append({"page": menu_page, "current": is_current})
    return items


@register.simple_tag
def breadcrumb_pages(page):
    """The page's ancestors below the tree's root; from the route if it brought them."""
    known = getattr(page, "breadcrumb_ancestors", None)
    if known is not None:
        return known()
    return list(page.get_ancestors().filter(depth__gte=2))
