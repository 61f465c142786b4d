"""The sources file: valid files load; every mistake names the source and the key."""

from __future__ import annotations

import pytest

from etl.config import load_config, parse_config
from etl.errors import ConfigError

VALID = """
[[sources]]
id = "mic"
name = "Bộ TT&TT"
kind = "ministry"
start_urls = ["https://mic.gov.vn/Pages/TinTuc/DangBoBo.aspx"]
article_url_pattern = '/Pages/TinTuc/\\d+/'
listing_url_pattern = 'DangBoBo\\.aspx'
adapter = "mic"
max_listing_pages = 3

[[sources]]
id = "nghean"
name = "Sở TT&TT Nghệ An"
kind = "province"
start_urls = ["https://stttt.nghean.gov.vn:8443/tin-tuc"]
article_url_pattern = '/tin-tuc/.+\\.html$'
[sources.politeness]
min_delay_s = 2.5
retries = 1
"""


def test_valid_file_loads_with_overrides_and_hosts() -> None:
    cfg = parse_config(VALID, path="s.toml")
    mic, nghean = cfg.sources
    assert mic.adapter == "mic" and mic.max_listing_pages == 3
    assert mic.allowed_netlocs == {"mic.gov.vn"}
    assert nghean.allowed_netlocs == {"stttt.nghean.gov.vn:8443"}
    assert nghean.adapter is None and nghean.listing_url_pattern is None
    assert nghean.fetch.min_delay_s == 2.5 and nghean.fetch.retries == 1
    assert mic.fetch.min_delay_s == 1.0
    assert mic.is_article_url("https://mic.gov.vn/Pages/TinTuc/1/x.html")
    assert not cfg.allow_private_networks


def test_default_sources_are_the_real_launch_portals() -> None:
    cfg = load_config()
    assert [s.id for s in cfg.sources] == ["mic", "thanhhoa"]
    assert {h for s in cfg.sources for h in s.allowed_netlocs} == {"mic.gov.vn", "stttt.thanhhoa.gov.vn"}
    assert not cfg.allow_private_networks
    mic, thanhhoa = cfg.sources
    assert mic.is_article_url("https://mic.gov.vn/Pages/TinTuc/104111/Xay-dung-Bo-TT-TT.html")
    assert mic.is_listing_url("https://mic.gov.vn/Pages/TinTuc/DangBoBo.aspx?Page=2")
    assert thanhhoa.is_article_url(
        "https://stttt.thanhhoa.gov.vn/portal/Pages/2022-12-27/Hoi-nghi-tong-ket-nhiemf91507d9623f.aspx")
    assert not thanhhoa.is_article_url("https://stttt.thanhhoa.gov.vn/portal/Pages/Tin-hoat-dong.aspx")


@pytest.mark.parametrize(("change", "source", "key"), [
    (("kind = \"ministry\"", "kind = \"city\""), "mic", "kind"),
    (("adapter = \"mic\"", "adapter = \"nope\""), "mic", "adapter"),
    (("article_url_pattern = '/Pages/TinTuc/\\d+/'", "article_url_pattern = '/Pages/(TinTuc'"), "mic",
     "article_url_pattern"),
    (("max_listing_pages = 3", "max_listing_pages = 0"), "mic", "max_listing_pages"),
    (("max_listing_pages = 3", "max_listing_pages = 3\ncolour = \"red\""), "mic", "colour"),
    (("start_urls = [\"https://mic.gov.vn/Pages/TinTuc/DangBoBo.aspx\"]", "start_urls = [\"ftp://mic.gov.vn/\"]"),
     "mic", "start_urls"),
    (("min_delay_s = 2.5", "min_delay = 2.5"), "nghean", "politeness.min_delay"),
    (("retries = 1", "retries = \"many\""), "nghean", "politeness.retries"),
    (("id = \"nghean\"", "id = \"mic\""), "mic", "id"),
    (("id = \"nghean\"", "id = \"Nghe An\""), "Nghe An", "id"),
    (("max_listing_pages = 3", "refresh_days = -1"), "mic", "refresh_days"),
    (("max_listing_pages = 3", "refresh_days = 2.5"), "mic", "refresh_days"),
])
def test_errors_name_source_and_key(change: tuple[str, str], source: str, key: str) -> None:
    text = VALID.replace(*change)
    assert text != VALID
    with pytest.raises(ConfigError) as info:
        parse_config(text, path="s.toml")
    assert info.value.source_id == source
    assert info.value.key == key
    assert f"source '{source}'" in str(info.value) and f"key '{key}'" in str(info.value)
    assert "s.toml" in str(info.value)


def test_missing_required_key_is_named() -> None:
    with pytest.raises(ConfigError, match=r"source 'mic'; key 'article_url_pattern': missing"):
        parse_config(VALID.replace("article_url_pattern = '/Pages/TinTuc/\\d+/'\n", ""))


def test_unknown_top_level_key_and_bad_toml() -> None:
    with pytest.raises(ConfigError, match="key 'allow_private'"):
        parse_config("allow_private = true\n" + VALID)
    with pytest.raises(ConfigError, match="not valid TOML"):
        parse_config("[[sources]\n")
    with pytest.raises(ConfigError, match="key 'sources'"):
        parse_config("allow_private_networks = true\n")


def test_select_unknown_source_id_fails_with_the_ids_known() -> None:
    cfg = parse_config(VALID)
    assert [s.id for s in cfg.select(["nghean"])] == ["nghean"]
    with pytest.raises(ConfigError, match=r"unknown source id\(s\) \['hue'\].*'mic', 'nghean'"):
        cfg.select(["hue"])


def test_missing_file_is_named(tmp_path) -> None:
    with pytest.raises(ConfigError, match="nope.toml"):
        load_config(tmp_path / "nope.toml")


def test_crawl_limits_come_from_the_crawl_table_unless_a_source_sets_its_own() -> None:
    text = "[crawl]\nmax_articles_per_run = 40\nmax_listing_pages = 7\n" + VALID.replace(
        "max_listing_pages = 3", "max_listing_pages = 3\nmax_articles_per_run = 5000")
    mic, nghean = parse_config(text, path="s.toml").sources
    assert (mic.max_articles_per_run, mic.max_listing_pages) == (5000, 3)
    assert (nghean.max_articles_per_run, nghean.max_listing_pages) == (40, 7)
    assert parse_config(VALID).sources[1].max_articles_per_run is None


@pytest.mark.parametrize(("text", "key"), [
    ("[crawl]\nmax_articles = 3\n" + VALID, "crawl.max_articles"),
    ("[crawl]\nmax_articles_per_run = 0\n" + VALID, "crawl.max_articles_per_run"),
    ("crawl = 3\n" + VALID, "crawl"),
    (VALID.replace("max_listing_pages = 3", "max_articles_per_run = \"many\""), "max_articles_per_run"),
])
def test_a_bad_crawl_limit_names_its_key(text: str, key: str) -> None:
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        parse_config(text, path="s.toml")


def _with_mic(lines: str) -> str:
    return VALID.replace("max_listing_pages = 3\n", "max_listing_pages = 3\n" + lines)


def test_feed_and_sitemap_keys_load_with_their_mode() -> None:
    cfg = parse_config(_with_mic('discover = "auto"\nfeed_urls = ["https://mic.gov.vn/rss"]\n'
                                 'sitemap_urls = ["https://mic.gov.vn/sitemap.xml.gz"]\n'))
    mic, nghean = cfg.sources
    assert (mic.discover, mic.feed_urls, mic.sitemap_urls) == (
        "auto", ("https://mic.gov.vn/rss",), ("https://mic.gov.vn/sitemap.xml.gz",))
    assert (nghean.discover, nghean.feed_urls, nghean.sitemap_urls) == ("listings", (), ())


@pytest.mark.parametrize(("lines", "key", "message"), [
    ('discover = "rss"\n', "discover", "must be one of ['listings', 'feeds', 'sitemaps', 'auto']"),
    ('discover = "feeds"\n', "feed_urls", "needs a non-empty feed_urls"),
    ('discover = "sitemaps"\nfeed_urls = ["https://mic.gov.vn/rss"]\n', "sitemap_urls", "needs a non-empty"),
    ('feed_urls = ["https://mic.gov.vn/rss"]\n', "feed_urls", "is not read when discover = 'listings'"),
    ('discover = "feeds"\nfeed_urls = ["https://mic.gov.vn/rss"]\nsitemap_urls = ["https://mic.gov.vn/s.xml"]\n',
     "sitemap_urls", "set discover to 'sitemaps' or 'auto'"),
    ('discover = "feeds"\nfeed_urls = "https://mic.gov.vn/rss"\n', "feed_urls", "must be a list of URLs"),
    ('discover = "feeds"\nfeed_urls = ["/rss"]\n', "feed_urls", "not an absolute http(s) URL: '/rss'"),
    ('discover = "sitemaps"\nsitemap_urls = ["https://feeds.example.net/s.xml"]\n', "sitemap_urls",
     "is not on the source's hosts ['mic.gov.vn']"),
])
def test_bad_discovery_keys_name_source_and_key(lines: str, key: str, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(_with_mic(lines), path="s.toml")
    text = str(err.value)
    assert "source 'mic'" in text and f"key '{key}'" in text and message in text, text


def test_extra_hosts_join_the_allowed_hosts() -> None:
    text = VALID.replace("max_listing_pages = 3", 'max_listing_pages = 3\nextra_hosts = ["mst.gov.vn", "WWW.mic.gov.vn:443"]')
    mic = parse_config(text).sources[0]
    assert mic.extra_hosts == ("mst.gov.vn", "WWW.mic.gov.vn:443")
    assert mic.allowed_netlocs == {"mic.gov.vn", "mst.gov.vn", "www.mic.gov.vn:443"}


@pytest.mark.parametrize("value", ['"mst.gov.vn"', '["https://mst.gov.vn/"]', '["mst.gov.vn/tin-tuc"]', '[""]',
                                   '["mst.gov.vn:http"]', "[8080]"])
def test_bad_extra_hosts_named(value: str) -> None:
    text = VALID.replace("max_listing_pages = 3", f"max_listing_pages = 3\nextra_hosts = {value}")
    with pytest.raises(ConfigError) as info:
        parse_config(text, path="s.toml")
    assert "source 'mic'; key 'extra_hosts'" in str(info.value)


@pytest.mark.parametrize(("key", "line"), [
    ("start_urls", 'start_urls = ["http://127.0.0.1:8080/tin-tuc"]'),
    ("start_urls", 'start_urls = ["http://localhost/tin-tuc"]'),
    ("start_urls", 'start_urls = ["http://[::1]:8080/tin-tuc"]'),
    ("start_urls", 'start_urls = ["http://192.168.1.10/tin-tuc"]'),
    ("extra_hosts", 'start_urls = ["https://stttt.nghean.gov.vn/tin-tuc"]\nextra_hosts = ["10.0.0.5:8080"]'),
])
def test_private_host_refused_at_load_without_allow_private_networks(key: str, line: str) -> None:
    text = VALID.replace('start_urls = ["https://stttt.nghean.gov.vn:8443/tin-tuc"]', line)
    with pytest.raises(ConfigError) as info:
        parse_config(text, path="s.toml")
    message = str(info.value)
    assert f"source 'nghean'; key '{key}'" in message and "allow_private_networks = true" in message
    assert parse_config("allow_private_networks = true\n" + text).sources[1].id == "nghean"


def test_refresh_days_default_crawl_table_and_per_source_override() -> None:
    assert {s.refresh_days for s in parse_config(VALID).sources} == {3}
    cfg = parse_config("[crawl]\nrefresh_days = 7\n" + VALID.replace("max_listing_pages = 3", "refresh_days = 0"))
    assert [(s.id, s.refresh_days) for s in cfg.sources] == [("mic", 0), ("nghean", 7)]


def test_bad_crawl_table_is_named() -> None:
    with pytest.raises(ConfigError, match=r"key 'crawl.refresh_day'.*allowed: .*'refresh_days'"):
        parse_config("[crawl]\nrefresh_day = 7\n" + VALID)
    with pytest.raises(ConfigError, match=r"key 'crawl.refresh_days': must be a whole number"):
        parse_config("[crawl]\nrefresh_days = true\n" + VALID)
