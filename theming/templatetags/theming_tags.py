from django import template

from theming import theme

register = template.Library()


@register.simple_tag(takes_context=True)
def site_theme(context):
    """Stylesheet, logo, icons and footer of the request's site, from the cache (theming.theme)."""
    return theme.site_theme(context.get("request"))
