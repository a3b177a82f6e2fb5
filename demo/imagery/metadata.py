"""Licence and attribution written into each JPEG (EXIF and XMP), from demo/data/media.yaml."""

import io
from pathlib import Path
from xml.sax.saxutils import escape

import yaml
from PIL import Image

DATA = Path(__file__).resolve().parents[1] / "data"
ARTIST = 0x013B
COPYRIGHT = 0x8298
DESCRIPTION = 0x010E
SOFTWARE = 0x0131


def entries() -> dict:
    with (DATA / "media.yaml").open(encoding="utf-8") as file:
        media = yaml.safe_load(file)
    return {key: {**media["image_licence"], **entry} for key, entry in media["images"].items()}


def xmp(entry: dict) -> bytes:
    """Dublin Core title, description, creator and rights, and the licence's address."""
    fields = {
        key: escape(str(entry[key]))
        for key in ("title", "description", "artist", "licence", "credit")
    }
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"
    xmlns:cc="http://creativecommons.org/ns#"
    xmpRights:Marked="False"
    xmpRights:UsageTerms="{fields["credit"]}"
    cc:license="{escape(entry["licence_url"])}">
   <dc:title><rdf:Alt><rdf:li xml:lang="de">{fields["title"]}</rdf:li></rdf:Alt></dc:title>
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="de">{fields["description"]}</rdf:li>
   </rdf:Alt></dc:description>
   <dc:creator><rdf:Seq><rdf:li>{fields["artist"]}</rdf:li></rdf:Seq></dc:creator>
   <dc:rights><rdf:Alt>
    <rdf:li xml:lang="x-default">{fields["licence"]}</rdf:li>
   </rdf:Alt></dc:rights>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>""".encode()


def save(image: Image.Image, path: Path, entry: dict) -> int:
    """Writes a progressive JPEG with its metadata; returns its size in bytes."""
    exif = Image.Exif()
    exif[DESCRIPTION] = entry["description"].encode()  # UTF-8, as exiftool reads it
    exif[ARTIST] = entry["artist"].encode()
    exif[COPYRIGHT] = entry["credit"].encode()
    exif[SOFTWARE] = b"demo.imagery (Pillow)"
    buffer = io.BytesIO()
    image.save(
        buffer,
        "JPEG",
        quality=76,
        optimize=True,
        progressive=True,
        subsampling="4:2:0",
        exif=exif,
        xmp=xmp(entry),
    )
    path.write_bytes(buffer.getvalue())
    return len(buffer.getvalue())
