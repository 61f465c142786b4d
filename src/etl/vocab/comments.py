"""Reader-comment threads and the lists of items around an article: their class names and the
relative times they show. Used by ``etl.clean`` to tell comment and list furniture from prose."""

from __future__ import annotations

import re

#: Class/id names of a reader-comment thread, matched as whole name parts. A block so named is
#: dropped whatever prose it holds: comments are long prose too, and they are never the article.
COMMENT_CLASS_RE = re.compile(
    r"(?:^|[\s_\-])(?:comments?|comment-?(?:list|area|box|wrap|wrapper|thread|section|items?)|commentlist|"
    r"binh-?luan|binhluan|ykien|y-?kien(?:-?ban-?doc)?|disqus(?:_thread)?|fb-comments|replies)(?:$|[\s_\-])",
    re.I,
)

#: A time written relative to now, as comment threads show it ("2 giờ trước", "5 minutes ago",
#: "Hôm qua lúc 14:05").
RELATIVE_TIME_RE = re.compile(
    r"^\W*(?:(?:khoảng\s+)?\d+\s+(?:giây|phút|giờ|tiếng|ngày|tuần|tháng|năm)\s+trước|vừa\s+xong|"
    r"hôm\s+qua(?:\s+lúc\s+\d{1,2}[:h]\d{2})?|"
    r"(?:an?|\d+)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|just\s+now|"
    r"yesterday(?:\s+at\s+\d{1,2}:\d{2}(?:\s*[ap]m)?)?)\W*$",
    re.I,
)
