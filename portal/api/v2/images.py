"""Extra fields for the images and documents endpoints: renditions and alt text, type and size."""

from rest_framework.fields import Field

from pages.api import document_representation, image_representation


class ImageAltField(Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, image):
        return image.description or ""


class ImageRenditionsField(Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, image):
        return image_representation(image, "", self.context.get("request"))["renditions"]


class DocumentFileTypeField(Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, document):
        return document.file_extension.lower()


class DocumentSizeField(Field):
    """Size in bytes; null when the file is missing from storage."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, document):
        return document_representation(document, None)["size"]
