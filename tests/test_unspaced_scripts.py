"""Chinese and Japanese pages: lines written without spaces between words are weighed by their
sentences and clauses, not by function words between spaces."""

from __future__ import annotations

import dechaff
from dechaff.anchors import line_weights
from dechaff.dates import parse_date_line
from dechaff.lineshape import has_words, is_one_word, is_sentence, is_unspaced
from dechaff.page import Page

SENTENCE = "11月17日，一分公司收到了来自业主的表扬信，信中高度肯定了项目部的工作。"
RUNNING_ON = (
    "该航线夏季每天两班，冬季每天一班，天气良好时单程约需四十分钟，"
    "比现在的航线节省一半以上的时间"
)
TITLES = ["港口学校学生在河边植树", "夜市重返老码头", "市图书馆延长周末开放时间"]
TITLES_RUN_TOGETHER = " ".join(TITLES * 12)


def weights(*lines: str) -> list[float]:
    page = Page("\n".join(lines) + "\n")
    weight_of = line_weights(page, list(range(len(lines))))
    return [weight_of[index] for index in range(len(lines))]


def test_a_chinese_sentence_with_figures_and_commas_is_running_text() -> None:
    assert weights(SENTENCE) == [len(SENTENCE)]


def test_a_line_that_runs_on_through_its_clauses_counts_half() -> None:
    assert weights(RUNNING_ON) == [len(RUNNING_ON) / 2]


def test_titles_run_together_and_menu_items_are_no_running_text() -> None:
    assert weights(TITLES_RUN_TOGETHER, "关于我们", "2024-09-14 MetInfo 14") == [0.0, 0.0, 0.0]


def test_words_of_a_line_without_spaces() -> None:
    assert is_unspaced(SENTENCE)
    assert not is_unspaced("Hello 世界")
    assert is_one_word("公司简介")
    assert is_one_word("お問い合わせ")
    assert not is_one_word("存続の危機？")  # a short headline that asks
    assert not is_one_word("新しいフェリーで島へ行ってきました")
    assert has_words("青岛大学莘园餐厅食堂餐饮服务采购项目更正公告", 5)
    assert is_sentence("这事儿我不清楚，你还是去问问作者本人吧。")
    assert not is_sentence("你好。")


def test_east_asian_date_lines() -> None:
    assert parse_date_line("2024年5月6日") == parse_date_line("2024-05-06")
    assert parse_date_line("2024년 5월 6일") is not None
    assert parse_date_line("2024年13月6日") is None
    # A byline's name in a script without capitals.
    assert parse_date_line("By 山田太郎 on 2024年5月6日") == parse_date_line("2024-05-06")
    assert parse_date_line("Posted on 2024年5月6日 by みゆき") is not None


MENU = ["镇上新闻网", "首页", "新闻中心", "本地新闻", "社会民生", "教育文化", "联系我们"]
HEADLINE = "港口至外岛的新渡轮航线将于五月开通"
PARAGRAPHS = [
    "市议会批准了一条连接港口和三个外岛的新渡轮航线，首班船将于五月的第一个周末启航。",
    RUNNING_ON,
    "岛上居民多年来一直要求开通直达航线，因为目前唯一的船要先停靠大陆港口，整个行程要花去大半个上午。",
]
RELATED = ["相关新闻", "暴风雨导致沿海公路封闭一天", *TITLES[:2], "版权所有"]


def test_a_chinese_page_loses_its_menus_and_keeps_its_article() -> None:
    text = "\n".join([*MENU, HEADLINE, "2024年3月12日", *PARAGRAPHS, *RELATED]) + "\n"
    result = dechaff.clean(text)
    assert result.text == "\n".join([HEADLINE, *PARAGRAPHS]) + "\n"
    assert result.metadata.date == "2024-03-12"


def test_a_japanese_post_keeps_its_headline_above_its_date() -> None:
    headline = "新しいフェリーで島へ行ってきました"
    body = [
        "先週の土曜日、五月から始まった新しいフェリーに乗って、外の島まで行ってきました。",
        "港を朝九時に出て、四十分ほどで島の桟橋に着きました。天気が良かったので、甲板からは遠くの山まではっきり見えました。",
    ]
    menu = ["港町ブログ", "ホーム", "プロフィール", "お問い合わせ", "カテゴリー"]
    tail = ["関連記事", "港の夜市に行ってきました", "川辺の植樹イベント", "人気記事"]
    text = "\n".join([*menu, headline, "2024年5月6日", *body, *tail]) + "\n"
    assert dechaff.clean_text(text) == "\n".join([headline, *body]) + "\n"


def test_chinese_and_japanese_chrome_phrases_go_by_the_table() -> None:
    config = dechaff.Config().without("boilerplate_line", "comment_thread")
    text = "\n".join([
        "当前位置：首页 > 本地新闻", HEADLINE, *PARAGRAPHS,
        "上一篇：夜市重返老码头", "下一篇：港口学校学生在河边植树", "返回列表", "相关新闻",
    ]) + "\n"
    result = dechaff.clean(text, config)
    assert result.text == "\n".join([HEADLINE, *PARAGRAPHS]) + "\n"
    assert {removal.rule for removal in result.removals} == {"scaffolding"}
    post = ["島の人たちは、これで買い物や病院に行くのがずっと楽になると喜んでいました。"]
    text = "\n".join(["ホーム", *post, "カテゴリー：旅行", "前の記事", "次の記事"]) + "\n"
    assert dechaff.clean_text(text) == post[0] + "\n"


def test_a_sentence_that_starts_like_a_chrome_phrase_stays() -> None:
    sentence = "上一篇文章里，我们介绍了这条渡轮航线的历史和岛上居民的期待。"
    text = "\n".join([HEADLINE, PARAGRAPHS[0], sentence, PARAGRAPHS[2]]) + "\n"
    assert dechaff.clean_text(text) == text


JAPANESE_POST = [
    "新しいフェリーで島へ行ってきました",
    "先週の土曜日、五月から始まった新しいフェリーに乗って、外の島まで行ってきました。",
    "港を朝九時に出て、四十分ほどで島の桟橋に着きました。天気が良かったので、甲板からは遠くの山まではっきり見えました。",
    "島では小さな食堂で魚の定食を食べて、午後は海沿いの道をのんびり歩き、夕方の便で港に戻りました。",
    "島の人たちは、これで買い物や病院に行くのがずっと楽になると喜んでいました。",
    "次は秋に、紅葉の季節にもう一度訪れて、島の反対側にある灯台まで歩いてみるつもりです。",
]


def test_a_japanese_comment_thread_goes_from_its_heading() -> None:
    thread = [
        "この記事へのコメント",
        "楽しそうですね。私も夏休みに家族で行ってみたいと思います。",
        "Posted by みゆき at 2024年05月07日 21:15",
        "コメントありがとうございます。ぜひ行ってみてください。",
        "Posted by 管理人 at 2024年05月08日 08:30",
    ]
    result = dechaff.clean("\n".join([*JAPANESE_POST, *thread]) + "\n")
    assert result.text == "\n".join(JAPANESE_POST) + "\n"
    assert {removal.rule for removal in result.removals} == {"comment_thread"}


def test_a_japanese_heading_without_comments_below_opens_no_thread() -> None:
    section = ["コメント", "島の食堂の魚は、その日の朝に港で揚がったものだそうです。"]
    text = "\n".join([*JAPANESE_POST, *section]) + "\n"
    assert "comment_thread" not in {removal.rule for removal in dechaff.clean(text).removals}
