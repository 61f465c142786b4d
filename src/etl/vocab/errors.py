"""Phrases of error pages that some portals serve with HTTP 200 ("soft 404s")."""

SOFT_404_PHRASES: tuple[str, ...] = (
    "không tìm thấy trang",
    "trang không tồn tại",
    "trang bạn tìm kiếm không tồn tại",
    "bài viết không tồn tại",
    "nội dung không tồn tại",
    "đã xảy ra lỗi",
    "page not found",
    "404 not found",
    "the resource cannot be found",
    "server error in '/' application",
)

