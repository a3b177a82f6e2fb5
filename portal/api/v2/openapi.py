"""The v2 endpoints described in OpenAPI 3 (Wagtail's API v2 has no schema of its own).

Hand-written, so ``tests/api/test_openapi_snapshot.py`` and the schemathesis
run keep it honest: every parameter the viewsets accept is listed, and the
response shapes are checked against real answers.
"""

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def problem(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": PROBLEM_REF}},
    }


def query(name: str, description: str, schema: dict | None = None) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


LIMIT = query(
    "limit",
    "Items per page (default 20, at most 100).",
    {"type": "integer", "minimum": 1, "maximum": 100},
)
OFFSET = query("offset", "Items to skip.", {"type": "integer", "minimum": 0, "maximum": 100000})
FIELDS = query(
    "fields",
    "Fields to add (comma-separated), '-name' removes one, '*' all, "
    "e.g. teaser,status,department,topics,district,hero_image,comment_count.",
    {"type": "string", "pattern": r"^[*_\-a-z,()]*$", "maxLength": 300},
)
ORDER = query(
    "order",
    "A field name, '-' for descending, or 'random'.",
    {
        "type": "string",
        "enum": [
            "id",
            "-id",
            "title",
            "-title",
            "first_published_at",
            "-first_published_at",
            "random",
        ],
    },
)
# Images and documents sort by fewer fields than pages.
ITEM_ORDER = query(
    "order",
    "id, title or -id, -title.",
    {"type": "string", "enum": ["id", "-id", "title", "-title"]},
)
SEARCH = query(
    "search", "Full-text search (German stemming).", {"type": "string", "maxLength": 200}
)
SEARCH_OPERATOR = query("search_operator", "and or or.", {"type": "string", "enum": ["and", "or"]})
RICH_TEXT_FORMAT = query(
    "rich_text_format",
    "How rich text is returned; html (the default) has real links.",
    {"type": "string", "enum": ["html", "db_html", "markdown"]},
)
ID_PATH = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
}

PAGE_FILTERS = [
    query(
        "type",
        "Page type, e.g. pages.ProjectPage (needed for the project filters and fields).",
        {
            "type": "string",
            "enum": [
                "pages.ProjectPage",
                "pages.StandardPage",
                "pages.HomePage",
                "pages.ProjectIndexPage",
            ],
        },
    ),
    query(
        "child_of",
        "Id of the parent page.",
        {"type": "integer", "minimum": 1, "maximum": 2147483647},
    ),
    query(
        "descendant_of",
        "Id of an ancestor page.",
        {"type": "integer", "minimum": 1, "maximum": 2147483647},
    ),
    query("slug", "The page's slug.", {"type": "string", "maxLength": 255}),
    query(
        "status",
        "Projects only: the derived status.",
        {"type": "string", "enum": ["upcoming", "open", "evaluation", "finished"]},
    ),
    query(
        "department",
        "Projects only: a department's slug or id (units included).",
        {"type": "string", "maxLength": 80},
    ),
    query("topic", "Projects only: a topic's slug or id.", {"type": "string", "maxLength": 80}),
    query(
        "district", "Projects only: a district's slug or id.", {"type": "string", "maxLength": 80}
    ),
]

META = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "detail_url": {"type": "string", "format": "uri"},
        "html_url": {"type": ["string", "null"]},
        "slug": {"type": "string"},
        "first_published_at": {"type": ["string", "null"], "format": "date-time"},
        "download_url": {"type": "string"},
    },
    "additionalProperties": True,
}

IMAGE = {
    "type": ["object", "null"],
    "description": "An image as renditions with its alt text.",
    "required": ["id", "alt", "renditions"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "alt": {"type": "string"},
        "decorative": {"type": "boolean"},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
        "renditions": {"$ref": "#/components/schemas/V2Renditions"},
    },
}

RENDITIONS = {
    "type": "object",
    "additionalProperties": {
        "type": "object",
        "required": ["url", "width", "height"],
        "properties": {
            "url": {"type": "string"},
            "width": {"type": "integer"},
            "height": {"type": "integer"},
        },
    },
}

REFERENCE = {
    "type": ["object", "null"],
    "required": ["id", "name", "slug"],
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "slug": {"type": "string"},
        "short_name": {"type": "string"},
    },
}

PHASE = {
    "type": ["object", "null"],
    "required": ["title", "start_date", "end_date", "allows_participation", "is_current"],
    "properties": {
        "title": {"type": "string"},
        "description": {"type": "string"},
        "start_date": {"type": "string", "format": "date"},
        "end_date": {"type": "string", "format": "date"},
        "allows_participation": {"type": "boolean"},
        "is_current": {"type": "boolean"},
    },
}

NEWS = {
    "type": "object",
    "description": "A news post whose date has come; url is its anchor on the project page.",
    "required": ["key", "title", "date", "body", "url"],
    "properties": {name: {"type": "string"} for name in ("title", "body", "url")}
    | {"key": {"type": "string", "format": "uuid"}, "date": {"type": "string", "format": "date"}},
}

BLOCK = {
    "type": "object",
    "description": "A StreamField block: heading, paragraph (HTML), image, quote, embed, "
    "document, call_to_action, faq or poll (staff-only polls are left out).",
    "required": ["type", "value", "id"],
    "properties": {"type": {"type": "string"}, "value": {}, "id": {"type": "string"}},
}

PAGE = {
    "type": "object",
    "description": "A page; which fields appear depends on its type and on ?fields=.",
    "required": ["id", "meta"],
    "properties": {
        "id": {"type": "integer"},
        "meta": {"$ref": "#/components/schemas/V2Meta"},
        "title": {"type": "string"},
        "teaser": {"type": "string"},
        "intro": {"type": "string"},
        "hero_image": {"$ref": "#/components/schemas/V2Image"},
        "body": {"type": "array", "items": {"$ref": "#/components/schemas/V2Block"}},
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/V2Block"}},
        "results_intro": {"type": "string"},
        "status": {
            "type": "object",
            "required": ["value", "label"],
            "properties": {
                "value": {"type": "string", "enum": ["upcoming", "open", "evaluation", "finished"]},
                "label": {"type": "string"},
            },
        },
        "phases": {"type": "array", "items": {"$ref": "#/components/schemas/V2Phase"}},
        "current_phase": {"$ref": "#/components/schemas/V2Phase"},
        "news": {"type": "array", "items": {"$ref": "#/components/schemas/V2News"}},
        "department": {"$ref": "#/components/schemas/V2Reference"},
        "district": {"$ref": "#/components/schemas/V2Reference"},
        "topics": {"type": "array", "items": {"$ref": "#/components/schemas/V2Reference"}},
        "contact": {
            "type": ["object", "null"],
            "properties": {
                "name": {"type": "string"},
                "role": {"type": "string"},
                "phone": {"type": "string"},
            },
        },
        "comment_count": {"type": "integer", "minimum": 0},
        "comments_enabled": {"type": "boolean"},
        "polls": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "title", "state", "api_url"],
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "state": {"type": "string", "enum": ["upcoming", "open", "closed"]},
                    "opens_at": {"type": "string", "format": "date-time"},
                    "closes_at": {"type": "string", "format": "date-time"},
                    "api_url": {"type": "string"},
                },
            },
        },
    },
    "additionalProperties": True,
}

ITEM = {
    "type": "object",
    "required": ["id", "meta"],
    "properties": {
        "id": {"type": "integer"},
        "meta": {"$ref": "#/components/schemas/V2Meta"},
        "title": {"type": "string"},
    },
    "additionalProperties": True,
}


def listing(item_ref: str) -> dict:
    return {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {
            "meta": {
                "type": "object",
                "required": ["total_count"],
                "properties": {"total_count": {"type": "integer", "minimum": 0}},
            },
            "items": {"type": "array", "items": {"$ref": item_ref}},
        },
    }


def ok(ref: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


def endpoint(tag, summary, description, parameters, response, errors) -> dict:
    return {
        "get": {
            "tags": [tag],
            "summary": summary,
            "description": description,
            "operationId": "v2_" + summary.lower().replace(" ", "_").replace("'", ""),
            "parameters": parameters,
            "responses": {"200": response, **errors},
        }
    }


BAD = {"400": problem("Unknown parameter, unknown filter value or invalid value")}
MISSING = {"404": problem("No such object visible to you")}


def v2_paths() -> dict:
    return {
        "/api/v2/pages/": endpoint(
            "pages",
            "List pages",
            "Live, public pages. With type=pages.ProjectPage: filter by status, department, "
            "topic, district and ask for the project fields.",
            [
                *PAGE_FILTERS,
                LIMIT,
                OFFSET,
                FIELDS,
                ORDER,
                SEARCH,
                SEARCH_OPERATOR,
                RICH_TEXT_FORMAT,
            ],
            ok("#/components/schemas/V2PageListing", "A page of results"),
            BAD,
        ),
        "/api/v2/pages/{id}/": endpoint(
            "pages",
            "Read a page",
            "All fields of a live, public page, its StreamField blocks included.",
            [ID_PATH, FIELDS, RICH_TEXT_FORMAT],
            ok("#/components/schemas/V2Page", "The page"),
            {**BAD, **MISSING},
        ),
        "/api/v2/images/": endpoint(
            "images",
            "List images",
            "Images outside restricted collections, with renditions and alt text.",
            [
                LIMIT,
                OFFSET,
                FIELDS,
                ITEM_ORDER,
                SEARCH,
            ],
            ok("#/components/schemas/V2ItemListing", "A page of images"),
            BAD,
        ),
        "/api/v2/images/{id}/": endpoint(
            "images",
            "Read an image",
            "One image with renditions and alt text.",
            [ID_PATH, FIELDS],
            ok("#/components/schemas/V2Item", "The image"),
            {**BAD, **MISSING},
        ),
        "/api/v2/documents/": endpoint(
            "documents",
            "List documents",
            "Documents outside restricted collections, with file type and size.",
            [
                LIMIT,
                OFFSET,
                FIELDS,
                ITEM_ORDER,
                SEARCH,
            ],
            ok("#/components/schemas/V2ItemListing", "A page of documents"),
            BAD,
        ),
        "/api/v2/documents/{id}/": endpoint(
            "documents",
            "Read a document",
            "One document's title, download URL, type and size.",
            [ID_PATH, FIELDS],
            ok("#/components/schemas/V2Item", "The document"),
            {**BAD, **MISSING},
        ),
        "/api/v2/page_preview/": endpoint(
            "pages",
            "Read a preview",
            "The draft behind an editor's preview token (wagtail-headless-preview); never cached.",
            [
                {
                    **query(
                        "content_type",
                        "e.g. pages.projectpage",
                        {"type": "string", "maxLength": 100},
                    ),
                    "required": True,
                },
                {
                    **query(
                        "token",
                        "The token from the preview URL",
                        {"type": "string", "maxLength": 300},
                    ),
                    "required": True,
                },
                FIELDS,
                RICH_TEXT_FORMAT,
            ],
            ok("#/components/schemas/V2Page", "The draft page"),
            {**BAD, **MISSING},
        ),
    }


def v2_components() -> dict:
    return {
        "V2Meta": META,
        "V2Image": IMAGE,
        "V2Renditions": RENDITIONS,
        "V2Reference": REFERENCE,
        "V2Phase": PHASE,
        "V2News": NEWS,
        "V2Block": BLOCK,
        "V2Page": PAGE,
        "V2Item": ITEM,
        "V2PageListing": listing("#/components/schemas/V2Page"),
        "V2ItemListing": listing("#/components/schemas/V2Item"),
    }
