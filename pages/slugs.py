from django.utils.text import slugify

GERMAN_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def german_slugify(text: str) -> str:
    """``Öffentlicher Raum`` -> ``oeffentlicher-raum`` rather than ``offentlicher-raum``."""
    return slugify(text.lower().translate(GERMAN_TRANSLITERATION))
