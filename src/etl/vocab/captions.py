"""Caption vocabulary: what announces an image caption on Vietnamese portals."""

from __future__ import annotations

import re

#: A caption line opens with one of these ("Ảnh: Đ/c Lê Hải Quân ...", "(Ảnh: TTXVN)").
CAPTION_PREFIX_RE = re.compile(
    r"^\(?\s*(?:ảnh|hình|hình ảnh|ảnh minh họa|ảnh minh hoạ|photo)\s*(?:\d+\s*)?[:.\-–]", re.I
)

#: Class/id cues of caption elements (figcaption-like divs, caption table cells).
CAPTION_CLASS_RE = re.compile(
    r"caption|chuthich|chu-?thich|image-?desc|img-?desc|photo-?desc|pic-?desc|desc-?img|"
    r"fig-?desc|figure-?desc|imagedesc|picturedesc|photocms_caption|note-?image|image-?note|"
    r"image_caption|expNoEdit|cap-?img",
    re.I,
)

#: Longest text taken as a caption when only style (centred, italic) says so.
MAX_CAPTION_CHARS = 400
#: Longest caption in a <figcaption>/<caption>: the markup says caption, so a photo story's long
#: captions are still captions.
MAX_FIGCAPTION_CHARS = 1500

#: Longest photo-credit line ("Ảnh: Hà Linh") standing apart from its caption.
MAX_CREDIT_CHARS = 60

#: The title line of a data table ("Bảng: Tốc độ tăng …", "Bảng 2. …"): neither body nor an
#: image caption.
TABLE_TITLE_RE = re.compile(r"^\(?\s*bảng\s*(?:số\s*)?(?:\d+\s*)?[:.]\s*\S", re.I)
