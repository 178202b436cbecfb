"""Kinds of chrome that naive page text carries around and inside an article, each removed
(positive cases) while prose that looks like it stays (negative cases)."""

from __future__ import annotations

import pytest

import dechaff

ARTICLE_EN = [
    "The council has approved a new ferry link between the harbour and the three outer "
    "islands, and the first boat will sail on the first weekend of May.",
    "The service will run twice a day in summer and once a day in winter, and the crossing "
    "will take about forty minutes in good weather.",
    "Islanders have asked for a direct link for years, because the only boat so far calls at "
    "the mainland port first and the trip takes most of a morning.",
    "The ferry company said that tickets will go on sale in April, and that residents of the "
    "islands will pay half the normal fare.",
]
ARTICLE_DE = [
    "Der Gemeinderat hat am Dienstag beschlossen, die alte Brücke über den Fluss im kommenden "
    "Jahr durch einen Neubau zu ersetzen, der auch Radfahrern Platz bietet.",
    "Die Arbeiten sollen im Frühjahr beginnen und etwa achtzehn Monate dauern, in dieser Zeit "
    "wird der Verkehr über eine Behelfsbrücke geleitet.",
    "Anwohner hatten sich seit Jahren über den Zustand der Brücke beklagt, deren Geländer an "
    "mehreren Stellen beschädigt ist und die nur einspurig befahren werden darf.",
    "Die Kosten von rund vier Millionen Euro teilen sich die Gemeinde und das Land, das den "
    "größeren Teil übernimmt.",
]


def clean(lines: list[str]) -> dechaff.CleanResult:
    """Clean a page given as lines (paragraphs apart), checking that the result is stable."""
    text = "\n\n".join(lines) + "\n"
    result = dechaff.clean(text)
    assert dechaff.clean_text(result.text) == result.text
    assert dechaff.apply_removals(text, result.removals) == result.text
    return result


def kept(result: dechaff.CleanResult) -> list[str]:
    return [line for line in result.text.split("\n") if line]


def inside(line: str, article: list[str] = ARTICLE_EN) -> list[str]:
    """``article`` with ``line`` set between its second and third lines."""
    return [*article[:2], line, *article[2:]]


def stays_inside(line: str, article: list[str] = ARTICLE_EN) -> bool:
    """Whether ``line`` set inside ``article`` stays, the article with it."""
    page = inside(line, article)
    return kept(clean(page)) == page


def reason_inside(line: str) -> str:
    """The reason ``line`` goes when set inside ARTICLE_EN, which stays whole."""
    result = clean(inside(line))
    assert kept(result) == ARTICLE_EN
    return reasons_for(result, line)[0][1]


def reasons_for(result: dechaff.CleanResult, line: str) -> list[tuple[str, str]]:
    source = result.document.text
    return [
        (removal.rule, removal.reason) for removal in result.removals
        if source[removal.start : removal.end].strip() == line
    ]


# Chrome that only counts at a page's edges ("Tags", "Newsletter"), beyond the last running
# text that stays: a stray sentence below the article used to move the page's edge past it.

def test_edge_phrase_below_the_article_goes_even_with_a_stray_sentence_after_it() -> None:
    page = [
        *ARTICLE_DE,
        "Tags",
        "Newsletter",
        "Bleiben Sie auf dem Laufenden",
        "und abonnieren Sie unseren monatlich erscheinenden Newsletter!",
        "Kontakt & Anreise",
    ]
    result = clean(page)
    assert kept(result) == ARTICLE_DE
    rule, reason = reasons_for(result, "Tags")[0]
    assert rule == "boilerplate_line"
    assert "below the article's running text" in reason


def test_edge_phrases_in_a_run_of_chrome_go_though_a_comment_below_stays() -> None:
    # A reader's comment below keeps the page's last running text far down; the edge phrases
    # ("Themen", "Abo", the netiquette) in the run of chrome between it and the article go
    # with their run.
    edge_phrases = ["Themen", "Abo", "Bitte halten Sie sich an unsere Netiquette."]
    tail = [
        edge_phrases[0], "mehr von", "Ingo Arzt", edge_phrases[1], "Her damit", edge_phrases[2],
        "Haben Sie Probleme beim Kommentieren oder Registrieren?",
        "Leserkommentare", "Martinxyz", "14. 01. 2020, 13:47",
        "Ich fände es richtig, wenn du mal rüber nach Australien fliegst und dort öffentlich "
        "mit den wahrscheinlich nicht so zahlreichen Freunden erklärst, wie das geht, dann "
        "dürfte deine Energiebilanz am Ende positiv ausfallen.",
    ]
    result = clean([*ARTICLE_DE, *tail])
    assert kept(result)[: len(ARTICLE_DE)] == ARTICLE_DE
    for line in edge_phrases:
        assert line not in kept(result)
        assert [rule for rule, _ in reasons_for(result, line)] == ["boilerplate_line"]


def test_edge_phrase_between_paragraphs_of_the_article_stays() -> None:
    """"News" between two parts of the article could head one of its sections."""
    assert stays_inside("News")


# Headings that close an article: what follows is teasers, comments or sharing buttons.

def test_related_articles_headings_in_several_languages_go() -> None:
    for heading in ("Ähnliche Nachrichten", "Empfehlungen aus der Redaktion", "Siehe auch",
                    "Schreib einen Kommentar", "Dans la même rubrique", "Notas relacionadas",
                    "Explore further", "Leggi anche", "Przeczytaj także", "Lees ook"):
        # Three short lines alone would pass for the article's own closing lines.
        page = [*ARTICLE_DE, heading, "Neue Radwege für die Innenstadt",
                "Schwimmbad öffnet im Juni"]
        assert kept(clean(page)) == ARTICLE_DE, heading


def test_related_heading_words_inside_a_sentence_stay() -> None:
    line = "Siehe auch die Tabelle unten, in der alle Ergebnisse der Messungen stehen."
    page = [*ARTICLE_DE[:2], line, *ARTICLE_DE[2:]]
    assert kept(clean(page)) == page


# Chrome set inside the article's text, which goes on after it: teaser links and rating
# prompts. They must not cut the article in two.

def test_teaser_links_inside_the_article_go_and_the_article_goes_on() -> None:
    for link in ("Read more: Looted colonial art: Germany to set up new contact office",
                 "LE PUEDE INTERESAR: La ficha del candidato en el tribunal de Nueva York",
                 "Czytaj też: Wyścig zbrojeń ruszył z kopyta",
                 "Lesen Sie auch: Neue Radwege für die Innenstadt",
                 "Baca juga: Harga beras naik di pasar tradisional"):
        page = inside(link)
        result = clean(page)
        assert kept(result) == ARTICLE_EN, link
        assert reasons_for(result, link)[0][0] == "scaffolding"


def test_read_more_in_a_sentence_stays() -> None:
    line = "Read more about the study in the journal, where the authors describe their method."
    assert stays_inside(line)


def test_rating_prompts_go_wherever_they_stand() -> None:
    for prompt in ("War dieser Artikel hilfreich?", "Wie bewerten Sie diesen Artikel?",
                   "Was this article helpful?", "¿Te ha resultado útil este artículo?"):
        page = [*ARTICLE_DE[:2], prompt, *ARTICLE_DE[2:]]
        assert kept(clean(page)) == ARTICLE_DE, prompt


def test_table_of_contents_heading_goes() -> None:
    page = [ARTICLE_DE[0], "Inhaltsverzeichnis", *ARTICLE_DE[1:]]
    assert kept(clean(page)) == ARTICLE_DE


# Newsletter headings and buttons, too short to be prose.

def test_short_newsletter_lines_go_anywhere() -> None:
    for line in ("PC Gamer Newsletter", "GET THE BOING BOING NEWSLETTER", "Axios newsletters"):
        page = inside(line)
        assert kept(clean(page)) == ARTICLE_EN, line


def test_blog_subscription_prompts_go() -> None:
    for line in ("Um neue Beiträge per E-Mail zu erhalten, hier die E-Mail-Adresse eingeben.",
                 "Enter your email address to follow this blog and receive notifications of "
                 "new posts by email."):
        page = [*ARTICLE_EN, line, "Email Address", "Follow"]
        assert kept(clean(page)) == ARTICLE_EN, line


def test_a_sentence_about_a_newsletter_stays() -> None:
    line = ("The newsletter, which reaches two million readers every week, was started in "
            "2015 by two former reporters of the paper.")
    assert stays_inside(line)


# Icon fonts draw glyphs from the Private Use Area, which a naive text keeps before a heading
# or a link: the phrase after them is still chrome.

def test_chrome_after_an_icon_glyph_goes() -> None:
    for line in ("\ue019 Mehr zum Thema:", "\uf1a0 \uf2c6 Share this:"):
        result = clean([*ARTICLE_EN, line, "Harbour fees to rise", "New timetable for buses"])
        assert line not in kept(result), line


# Source lines under a picture, chart or quote.

def test_source_lines_go() -> None:
    for line in ("Quelle: jorisvo / Fotolia.com", "Source: Reuters", "Crédits photos : Bestimage",
                 "(Quelle: Fleischmann/Unsplash/DJV)"):
        page = [*ARTICLE_DE[:2], line, *ARTICLE_DE[2:]]
        result = clean(page)
        assert kept(result) == ARTICLE_DE, line
        assert reasons_for(result, line)[0][0] == "photo_credit"


def test_a_sentence_about_a_source_stays() -> None:
    line = "Die Quelle des Flusses liegt in den Alpen, auf fast zweitausend Metern Höhe."
    page = [*ARTICLE_DE[:2], line, *ARTICLE_DE[2:]]
    assert kept(clean(page)) == page


# A credit word alone with its colon, the credited name on the line below ("Foto:" / "WITTERS"):
# both lines are a credit, and the article goes on below them.

def test_a_credit_over_two_lines_goes_and_the_article_goes_on_below_it() -> None:
    for label, name in [("Foto:", "WITTERS"), ("Bild:", "picture alliance / dpa | Ju Peng"),
                        ("Photo:", "Getty Images")]:
        page = [*ARTICLE_DE[:3], "Der alte Übergang im Winter.", label, name, ARTICLE_DE[3]]
        result = clean(page)
        assert kept(result) == [*ARTICLE_DE[:3], "Der alte Übergang im Winter.", ARTICLE_DE[3]]
        assert [rule for rule, _ in reasons_for(result, name)] == ["photo_credit"]


def test_a_credit_word_before_a_sentence_stays() -> None:
    line = "Die Brücke wurde 1911 gebaut und ist seitdem kaum verändert worden."
    page = [*ARTICLE_DE[:2], "Bild:", line, *ARTICLE_DE[2:]]
    assert line in kept(clean(page))


# Captions that end with their picture's credit, in the forms newspapers print them: another
# credit word ("Photograph:", "Kuva:", "Bildquelle:"), initials and a date after the name, a
# source naming a picture library. The credit goes; a caption that is a full sentence stays
# without it, one that is a label or a fragment goes whole.

@pytest.mark.parametrize(("caption", "sentence"), [
    ("Striking members of the union outside the college last year. Photograph: Guy Smallman/"
     "Getty Images", "Striking members of the union outside the college last year."),
    ("Der Bürgermeister bei der Eröffnung der Behelfsbrücke. (Bildquelle: Gemeinde Beispiel)",
     "Der Bürgermeister bei der Eröffnung der Behelfsbrücke."),
    ("Die neue Brücke soll auch Radfahrern Platz bieten. (Quelle: Fleischmann/Unsplash)",
     "Die neue Brücke soll auch Radfahrern Platz bieten."),
    ("Pekka Virtanen keskusteli torstaina Helsingissä ministerin kanssa. Kuva: Lehtikuva",
     "Pekka Virtanen keskusteli torstaina Helsingissä ministerin kanssa."),
    ("Das Hermelin ist im Winter mit seinem weißen Fell gut getarnt. © iStock.com/mlharing",
     "Das Hermelin ist im Winter mit seinem weißen Fell gut getarnt."),
])
def test_a_caption_s_sentence_stays_and_its_picture_s_credit_goes(
    caption: str, sentence: str
) -> None:
    article = ARTICLE_EN if caption.startswith("Striking") else ARTICLE_DE
    result = clean([*article[:2], caption, *article[2:]])
    assert kept(result) == [*article[:2], sentence, *article[2:]]
    credit = caption[len(sentence):].strip()
    [(rule, reason)] = reasons_for(result, credit)
    assert rule == "photo_credit"
    assert credit in reason


@pytest.mark.parametrize("caption", [
    "Die Brücke im Winter nach dem Hochwasser (Foto: R. Hollinger, 19.01.2022).",
    "Stau © aremac / Clipdealer",
    "Die Brücke, Foto: Gemeinde Beispiel",
])
def test_a_caption_that_is_no_sentence_goes_with_its_picture_s_credit(caption: str) -> None:
    result = clean([*ARTICLE_DE[:2], caption, *ARTICLE_DE[2:]])
    assert kept(result) == ARTICLE_DE
    assert reasons_for(result, caption)[0][0] == "photo_credit"


def test_the_rules_running_again_leave_a_caption_s_sentence_alone() -> None:
    # With a model, the rules that read the article run again once lines went.
    from dechaff.config import Config
    from dechaff.page import Page
    from dechaff.rules.photo_credit import find_photo_credits

    caption = "Die neue Brücke soll auch Radfahrern Platz bieten. (Foto: Gemeinde Beispiel)"
    text = "\n\n".join([*ARTICLE_DE[:2], caption, *ARTICLE_DE[2:]]) + "\n"
    page = Page(text)
    find_photo_credits(page, Config())
    find_photo_credits(page, Config())
    assert [text[removal.start : removal.end] for removal in page.removals] == [
        " (Foto: Gemeinde Beispiel)"
    ]


def test_a_caption_printed_twice_keeps_one_sentence() -> None:
    caption = "Die neue Brücke soll auch Radfahrern Platz bieten. (Foto: Gemeinde Beispiel)"
    result = clean([*ARTICLE_DE[:2], caption, caption, *ARTICLE_DE[2:]])
    assert kept(result) == [
        *ARTICLE_DE[:2], "Die neue Brücke soll auch Radfahrern Platz bieten.", *ARTICLE_DE[2:]
    ]


def test_a_sentence_citing_its_data_s_source_stays() -> None:
    line = "Die Zahl der Pendler stieg im vergangenen Jahr um vier Prozent (Quelle: " \
        "Statistisches Bundesamt)."
    page = [*ARTICLE_DE[:2], line, *ARTICLE_DE[2:]]
    assert line in kept(clean(page))


# Site credits in a footer: "Powered by WordPress", "Designed by X", "Propulsé par X", each
# phrase with a name of one to three words as one part of the line.

def test_site_credits_below_the_article_go() -> None:
    for credit in [
        "Designed by Elegant Themes | Powered by WordPress",
        "Copyleft © 2002-2016 The Anarcat CC-BY-SA. Powered by ikiwiki. Valid (X)HTML 5.",
        "Propulsé par WordPress",
        "Theme by Anders Norén.",
        "Thème Simple. Fourni par Blogger.",
        "Design: Wasserzeichen. Bereitgestellt von Blogger.",
        "Tema Sederhana. Diberdayakan oleh Blogger.",
        "Stolz präsentiert von WordPress | Theme: Sydney by aThemes.",
    ]:
        result = clean([*ARTICLE_EN, credit])
        assert kept(result) == ARTICLE_EN
        assert reasons_for(result, credit)[0][1].startswith("chrome line about site credits")
    credit = "Webdesign von Agentur Beispiel"
    assert kept(clean([*ARTICLE_DE, credit])) == ARTICLE_DE


def test_sentences_about_what_powers_or_designed_something_stay() -> None:
    for sentence in [
        "The new ferry is powered by two electric engines.",
        "Powered by curiosity, the islanders rowed to the mainland.",
        "Designed by the harbour engineers, the pier will open in June.",
    ]:
        assert kept(clean([*ARTICLE_EN, sentence])) == [*ARTICLE_EN, sentence]
        assert kept(clean([sentence, *ARTICLE_EN])) == [sentence, *ARTICLE_EN]


# Text extractors lay out columns with runs of spaces: a menu of two columns prints rows of
# a few words padded to hundreds of characters, which are no running text.

def test_menu_rows_padded_into_columns_do_not_outweigh_the_article() -> None:
    left = ["Mais", "Weizen", "Gerste", "Roggen", "Raps", "Sojabohne", "Kartoffel", "Wein",
            "Rind", "Schwein", "Schaf", "Ziege", "Futtermittel", "Ratgeber", "Garten"]
    right = ["Biene", "Fisch", "Jagd", "Energie", "Wetter", "Klima", "Umwelt", "Märkte",
             "Technik", "Bildung", "Messen", "Tagungen", "Landleben", "Themen", "Pflanze"]
    menu = [f"+ {first}{' ' * (150 - len(first))}+ {second}{' ' * (140 - len(second))}|"
            for first, second in zip(left, right, strict=True)]
    result = clean([*menu, "Kontakt | Newsletter | Login", *ARTICLE_DE])
    assert kept(result)[-len(ARTICLE_DE):] == ARTICLE_DE
    assert not any(line.startswith("+ ") for line in kept(result))


# A menu prints each entry that opens a submenu twice on one line, the entry and its button
# ("Klimaschutz und Energiepolitik Submenu Klimaschutz und Energiepolitik"): a label doubled,
# however many function words it holds, and a question doubled is no sentence of the page.

def test_menu_entries_printed_twice_on_a_line_are_no_running_text() -> None:
    entries = ["Klimaschutz- und Energiepolitik in Deutschland", "Warum zum UBA?",
               "Anpassung an den Klimawandel in den Städten",
               "Vereinbarkeit von Beruf und Familie", "Luft", "Wasser"]
    menu = [line for entry in entries for line in (f"{entry} Submenu {entry}", entry)]
    result = clean([*menu, *ARTICLE_DE, *menu])
    assert kept(result) == ARTICLE_DE


def test_a_sentence_that_says_a_thing_twice_stays() -> None:
    line = "Wir sind wir, und wir bleiben auch in Zukunft einfach wir."
    assert kept(clean(inside(line))) == inside(line)


# A list of videos below an article: titles of other stories, each set apart from the next
# by the label that a table names ("Watch video"). The label goes by the scaffolding rule;
# the titles hold as many function words as a sentence and would run the article on.

VIDEO_TITLES = [
    "The mayor talks about the future of the harbour and the islands in a long interview",
    "What the new ferry timetable means for the people who work on the mainland...",
    "A walk along the old quay with the last fisherman of the town and his dog",
    "How the storm of last winter changed the shape of the beach at the point",
]


def test_a_list_of_video_titles_set_apart_by_labels_goes() -> None:
    videos = [line for title in VIDEO_TITLES for line in ("Watch video", title)]
    assert kept(clean([*ARTICLE_EN, *videos])) == ARTICLE_EN


def test_subheadings_of_an_article_are_no_list_of_titles() -> None:
    page = [ARTICLE_EN[0]]
    for title, paragraph in zip(VIDEO_TITLES[:3], ARTICLE_EN[1:], strict=True):
        page += [title, paragraph]
    assert kept(clean(page)) == page


# Some extractors print a breadcrumb as a numbered list ("1. Home", "2. Sport", ..., its last
# item the page's title). The lines right above an article's first paragraph stay with it as
# its headline and byline, but not the items of a list that counts up to them.

def test_a_numbered_breadcrumb_above_the_headline_goes() -> None:
    headline = "A new ferry link for the outer islands"
    crumbs = ["1. Home", "2. News", "3. Islands", f"4. {headline}"]
    page = [*crumbs, "Share this article", headline, *ARTICLE_EN]
    assert kept(clean(page)) == [headline, *ARTICLE_EN]


def test_a_numbered_heading_above_an_article_stays() -> None:
    page = ["Our trip to the islands", "2. The first day on the ferry", *ARTICLE_EN]
    assert kept(clean(page)) == page


# A signup form's button and small print below the article.

def test_a_signup_button_and_its_small_print_go() -> None:
    form = ["Sign Me Up", "You may occasionally receive promotional content from the Times."]
    assert kept(clean([*ARTICLE_EN, *form])) == ARTICLE_EN


def test_a_sentence_about_promotional_material_stays() -> None:
    line = "The kiosk will receive promotional material from the ferry company in the spring."
    assert kept(clean(inside(line))) == inside(line)


# A recipe's ingredients and steps are the article's own, though they are no running text
# and sit apart from the prose that introduces them.

RECIPE_INTRO = [
    "These almond biscuits are the ones my grandmother baked every December, and the smell "
    "of cinnamon and cloves still means winter to me.",
    "They keep for two weeks in a tin, if nobody finds the tin, and they are a good present "
    "for the neighbours.",
]
RECIPE_CARD = [
    "Prep time: 25 minutes",
    "Ingredients",
    "300 g flour",
    "1 tsp baking powder",
    "100 g ground almonds",
    "200 g butter",
    "200 g sugar",
    "1 egg",
    "Directions",
    "Mix everything into a smooth dough.",
    "Roll it out and cut shapes.",
    "Bake for 15 minutes.",
]


def test_a_recipe_card_below_its_introduction_stays() -> None:
    page = [*RECIPE_INTRO, "Print", *RECIPE_CARD, "Related", "Chilli Fishcake Balls",
            "Tri-Eggs Spinach Noodles Soup", "Leave a Reply"]
    assert kept(clean(page)) == [*RECIPE_INTRO, *RECIPE_CARD]


def test_a_recipe_card_s_buttons_go_and_the_card_stays() -> None:
    buttons = ["Jump to Recipe", "Jump to Video", "Print Recipe Pin Recipe", "Rate this Recipe"]
    page = [*RECIPE_INTRO, buttons[0], buttons[1], buttons[2], *RECIPE_CARD, buttons[3]]
    result = clean(page)
    assert kept(result) == [*RECIPE_INTRO, *RECIPE_CARD]
    assert all(reasons_for(result, button)[0][0] == "scaffolding" for button in buttons)


def test_a_list_that_the_article_s_last_sentence_introduces_stays() -> None:
    """The article's last paragraph ends with the colon that opens the list: "Read about:"."""
    introduction = ("Readers who want to know more about the islands and their ferries can "
                    "read about:")
    items = ["Anna Berg, Harbour Master", "Tom Lund, Captain of the Ferry",
             "Maria Holm, Head Teacher"]
    page = [*ARTICLE_EN, introduction, *items, "Related posts", "The old bridge will close",
            "A night market returns to the quay", "Pupils plant a hundred trees", "Home"]
    assert kept(clean(page)) == [*ARTICLE_EN, introduction, *items]


def test_ingredients_above_the_steps_stay() -> None:
    ingredients = ["Zutaten:", "300 g Mehl", "1 TL Backpulver", "200 g Zucker", "1 Prise Salz",
                   "1 Ei", "Zubereitung:"]
    steps = [
        "Alle Zutaten in eine Schüssel geben und mit den Knethaken zu einem glatten Teig "
        "verarbeiten, dann eine Stunde kühl stellen.",
        "Den Teig auf einer bemehlten Arbeitsfläche ausrollen und mit Förmchen beliebige "
        "Figuren ausstechen, die auf ein Backblech kommen.",
        "Im vorgeheizten Ofen bei 200 Grad etwa fünfzehn Minuten backen, bis die Plätzchen "
        "goldbraun sind, und auf einem Gitter auskühlen lassen.",
    ]
    menu = ["Dessert", "Gebäck", "Geschenk", "Hauptgericht", "Snack", "Vorspeise"]
    assert kept(clean([*menu, *ingredients, *steps])) == [*ingredients, *steps]


def test_a_list_set_apart_by_blank_lines_stays_whole_and_the_footer_below_it_goes() -> None:
    features = ["zweistöckig", "aus lasiertem Kiefernholz", "stabiles Metallgitter",
                "Dach mit besandeter Dachpappe", "inklusive Rückzugsmöglichkeit",
                "Dach von oben zu öffnen"]
    footer = ["Home", "Über uns", "Partner", "Team", "Impressum", "Datenschutz"]
    text = "\n\n".join([*ARTICLE_DE, "Artikeldetails:", *features]) + "\n" + "\n".join(footer)
    result = dechaff.clean(text)
    assert kept(result) == [*ARTICLE_DE, "Artikeldetails:", *features]
    # Among items set apart, a block of tags (lines with none between them) or a heading
    # ending with a colon is no item.
    tags = ["Cmd", "Installation", "Netzwerk", "Windows"]
    sections = ["Region", "Sport", "Kultur", "Wetter", "Verkehr"]
    for after in ("\n".join(tags), "Artikel empfehlen:\n\n" + "\n".join(sections)):
        text = "\n\n".join([*ARTICLE_DE, "Artikeldetails:", *features[:2], after])
        assert kept(dechaff.clean(text)) == [*ARTICLE_DE, "Artikeldetails:", *features[:2]]
    # Once two items follow each other with no blank line, a blank line ends the list.
    text = "\n\n".join([*ARTICLE_DE, "Artikeldetails:", "\n".join(features), *footer])
    assert kept(dechaff.clean(text)) == [*ARTICLE_DE, "Artikeldetails:", *features]


def test_a_menu_item_named_like_a_section_far_from_the_article_keeps_nothing() -> None:
    menu = ["Home", "Recipes", "Ingredients", "Techniques", "Shop", "About"]
    footer = [f"Archive {year}" for year in range(2010, 2050)]
    result = clean([*ARTICLE_EN, *footer, *menu])
    assert kept(result) == ARTICLE_EN


def test_the_comment_form_of_hosted_blogs_goes() -> None:
    form_en = [
        "Leave a Reply Cancel reply",
        "Enter your comment here...",
        "Fill in your details below or click an icon to log in:",
        "Email (required) (Address never made public)",
        "Name (required)",
        "You are commenting using your WordPress.com account. ( Log Out / Change )",
        "You are commenting using your Facebook account. ( Log Out / Change )",
        "Connecting to %s",
    ]
    form_de = [
        "Gib hier Deinen Kommentar ein ...",
        "E-Mail (erforderlich) (Adresse wird niemals veröffentlicht)",
        "Du kommentierst mit Deinem Twitter-Konto. ( Abmelden / Ändern)",
        "Benachrichtigung bei weiteren Kommentaren per E-Mail senden.",
    ]
    for article, form in ((ARTICLE_EN, form_en), (ARTICLE_DE, form_de)):
        result = clean([*article, *form])
        assert kept(result) == article
        assert all(reasons_for(result, line)[0][0] == "scaffolding" for line in form)


def test_a_sentence_about_commenting_with_an_account_stays() -> None:
    sentence = ("You are commenting using your account name, which the forum shows beside "
                "every post you write.")
    assert kept(clean([*ARTICLE_EN, sentence])) == [*ARTICLE_EN, sentence]


def test_affiliate_disclosures_go_wherever_they_stand() -> None:
    disclosures = [
        "This post contains affiliate links.",
        "As an Amazon Associate I earn from qualifying purchases.",
        "We may earn a commission when you buy through links on our site.",
    ]
    result = clean([disclosures[0], *ARTICLE_EN[:2], disclosures[1], *ARTICLE_EN[2:],
                    disclosures[2]])
    assert kept(result) == ARTICLE_EN
    german = [
        "Für Links auf dieser Seite erhält CHIP ggf. eine Provision vom Händler.",
        "* Affiliate-Link",
    ]
    result = clean([*ARTICLE_DE[:2], german[1], *ARTICLE_DE[2:], german[0]])
    assert kept(result) == ARTICLE_DE
    assert all(reasons_for(result, line)[0][0] == "scaffolding" for line in german)
    # A blogger's advertising disclosure, at the head of the post.
    disclosure = "*Werbung. Dieser Beitrag enthält Werbung für MYMARINI."
    result = clean([disclosure, *ARTICLE_DE])
    assert kept(result) == ARTICLE_DE
    assert reasons_for(result, disclosure)[0][0] == "scaffolding"


def test_sentences_about_affiliates_commissions_and_fees_stay() -> None:
    sentences = [
        "Affiliate links are a way for bloggers to earn money from the shops they review.",
        "The European Commission said the ferry link would get no money from its fund.",
        "Die Bank verlangt für jede Überweisung ins Ausland eine Provision von zwei Prozent.",
    ]
    assert kept(clean([*ARTICLE_EN, *sentences])) == [*ARTICLE_EN, *sentences]


def test_comment_counts_naming_the_post_go_and_a_sentence_stays() -> None:
    chrome = ["Keine Kommentare for “Malaga, die quirlige Metropole in Andalusien”",
              "3 Kommentare für „Malaga“"]
    sentence = "Keine Kommentare zu den Vorwürfen gab es am Abend vom Ministerium."
    result = clean([*ARTICLE_DE, sentence, *chrome])
    assert kept(result) == [*ARTICLE_DE, sentence]
    assert all(reasons_for(result, line)[0][0] == "scaffolding" for line in chrome)


@pytest.mark.parametrize("count", [
    "Comments (3)", "Kommentare (3)", "Commentaires (3)", "Vos réactions (11)",
    "Comentarios (2)", "Commenti (4)", "Komentarze (5)", "Reacties (6)",
])
def test_a_count_of_comments_in_brackets_goes(count: str) -> None:
    result = clean([*ARTICLE_EN, count, "Home"])
    assert kept(result) == ARTICLE_EN
    assert reasons_for(result, count)[0][0] == "scaffolding"


def test_the_lines_of_a_consent_dialog_go_and_a_sentence_about_storage_stays() -> None:
    dialog = [
        "Switch zum Einwilligen bzw. Ablehnen des Dienstes Youtube",
        "Speicherdauer: bis zum Verlassen der Website",
        "Rechtsgrundlage für die Datenverarbeitung: freiwillige, jederzeit widerrufbare "
        "Einwilligung",
        "Folgen der Nichteinwilligung: Der Dienst wird Ihnen nicht zur Verfügung gestellt",
        "Storage duration: 2 years",
        "Consequences of non-consent: the video cannot be shown",
    ]
    sentence = "Die Speicherdauer für Vorratsdaten beträgt nach dem Entwurf zehn Wochen."
    result = clean([*ARTICLE_DE, sentence, *dialog])
    assert kept(result) == [*ARTICLE_DE, sentence]
    assert all(reasons_for(result, line)[0][0] == "scaffolding" for line in dialog)


def test_a_comment_thread_under_signed_comment_lines_goes() -> None:
    comments = [
        "1. I took the ferry to the islands last summer and it was late by an hour on most "
        "days, so I hope the new boats are faster and that someone checks the timetable.",
        "Comment by Mirko Lange — 17.07, 2011 @ 13:04",
        "2. The council should have asked the islanders first, as it promised to do before "
        "the last election, and it should say who pays when the boats are late again.",
        "Comment by Daniel — 17.07, 2011 @ 13:10",
        "3. Half the fare for residents is a good start, and the summer timetable looks fine "
        "to me, but the winter service with one boat a day is not enough for the schools.",
        "Kommentar von Sabine — 17.07.2011 um 13:40",
    ]
    result = clean([*ARTICLE_EN, "35 Comments", *comments])
    assert kept(result) == ARTICLE_EN


# A tutorial's listings and commands are the article's own, though they are no running text.

def test_a_code_listing_between_paragraphs_stays() -> None:
    listing = [
        "import os",
        "from harbour.ferry import timetable",
        *(f"PORT_{number} = os.environ.get('PORT_{number}')" for number in range(8)),
        "def next_boat(port):",
        "    boats = timetable(port)",
        "    if not boats:",
        "        return None",
        *(f"    print(boats[{number}])" for number in range(8)),
        "    return boats[0]",
    ]
    text = "\n\n".join(ARTICLE_EN[:2]) + "\n\n" + "\n".join(listing) + "\n\n" + \
        "\n\n".join([*ARTICLE_EN[2:], "Home", "News", "Sport", "Contact"]) + "\n"
    result = dechaff.clean(text)
    assert dechaff.clean_text(result.text) == result.text
    assert kept(result) == [*ARTICLE_EN[:2], *listing, *ARTICLE_EN[2:]]


# A sentence broken across two lines (a fixed-width page, an extractor's line breaks): its short
# tail, in lower case, belongs to the kept line above it.

def test_the_tail_of_a_broken_sentence_stays_with_its_line() -> None:
    broken = [
        "Die Kosten von rund vier Millionen Euro teilen sich die Gemeinde und das Land, das den",
        "größeren Teil übernimmt.",
    ]
    menu = ["Startseite", "Lokales", "Sport", "Kontakt"]
    text = "\n\n".join(ARTICLE_DE[:3]) + "\n\n" + "\n".join(broken) + "\n\n" + \
        "\n".join(menu) + "\n"
    result = dechaff.clean(text)
    assert dechaff.clean_text(result.text) == result.text
    assert kept(result) == [*ARTICLE_DE[:3], *broken]


def test_a_menu_below_a_line_with_a_sentence_end_still_goes() -> None:
    # The menu's first item is in lower case, but the line above it ends its sentence.
    text = "\n\n".join(ARTICLE_EN) + "\n" + "\n".join(["news", "sport", "weather", "jobs"])
    assert kept(dechaff.clean(text)) == ARTICLE_EN


def test_a_menu_and_category_counts_below_the_article_still_go() -> None:
    chrome = ["Categories", "games (5)", "film (19)", "politics (9)", "Home | News | Sport"]
    assert kept(clean([*ARTICLE_EN, *chrome])) == ARTICLE_EN


# Notices and appeals addressed to the reader around the article: an outdated browser, a
# paywall, a plea for support. They count at the page's edges only, and never split the
# article's prose.

def test_notices_and_appeals_to_the_reader_around_the_article_go() -> None:
    for line, article in (
        ("Your browser is out of date. Please update your browser to view this site.",
         ARTICLE_EN),
        ("Du verwendest einen veralteten Browser. Es ist möglich, dass diese Website nicht "
         "korrekt angezeigt wird.", ARTICLE_DE),
        ("系统检测到您的浏览器版本过低，无法获得最佳的使用体验，建议您升级您的浏览器。",
         ARTICLE_EN),
        ("To view the full story, please subscribe to The Harbour Times.", ARTICLE_EN),
        ("Already a subscriber? Log in for immediate access to this story.", ARTICLE_EN),
        ("Ja. Ich benötige ein Abo.", ARTICLE_DE),
        ("We rely on your support to keep our local news free for everyone.", ARTICLE_EN),
        ("Make a donation today and help us keep reporting from the islands.", ARTICLE_EN),
        ("Unterstützen Sie unsere Arbeit mit einem Beitrag von fünf Euro im Monat.",
         ARTICLE_DE),
        ("Jetzt spenden und die Arbeit der Redaktion unterstützen!", ARTICLE_DE),
        ("Bereits mit 2,50 Euro kannst du unsere Arbeit unterstützen und dazu beitragen, "
         "das Magazin unabhängig zu halten.", ARTICLE_DE),
        ("Unterstütze RosaMag bereits mit 2,50!", ARTICLE_DE),
        ("Mit Ihrer Spende und / oder Mitgliedschaft können Sie uns und unsere Arbeit für "
         "\"Menschenrechte, Vielfalt und Respekt\" unterstützen. Vielen Dank.", ARTICLE_DE),
        ("Don't have time to read every single post? Receive a daily list of must-read "
         "stories.", ARTICLE_EN),
        ("Get solid gold sent to your inbox. Every week!", ARTICLE_EN),
        ("The latest news, analysis and insights from our bureau chiefs in Sacramento and D.C.",
         ARTICLE_EN),
    ):
        for page in ([line, *article], [*article, line]):
            result = clean(page)
            assert kept(result) == article, line
            assert reasons_for(result, line)[0][0] in {"scaffolding", "boilerplate_line"}, line


# An appeal's box at the article's end: its heading and its closing plea frame a few sentences
# on why the reader should give. Below the article, they go with the box.

APPEAL_BOX = [
    "Unterstütze RosaMag bereits mit 2,50!",
    "Wusstest du, dass es drei Magazine über Weihnachtsbäume gibt und keines über uns?",
    "Das ist nur einer der vielen Gründe, warum eine digitale Plattform für uns im Netz "
    "wichtig ist.",
    "Bereits mit 2,50 Euro kannst du unsere Arbeit unterstützen und dazu beitragen, das "
    "Magazin unabhängig zu halten.",
]


BRIDGE_STORY_DE = [
    *ARTICLE_DE,
    "Im Gemeinderat stimmten alle Fraktionen für den Neubau, nur über die Farbe des Geländers "
    "wurde länger gestritten, bis sich die Mehrheit für ein schlichtes Grau entschied.",
    "Der Bürgermeister sagte nach der Sitzung, die Brücke sei für den Ort wichtiger als jede "
    "andere Straße, weil Schüler, Pendler und Landwirte sie jeden Tag brauchten.",
    "Während der Bauzeit sollen die Busse der Linie vier eine Umleitung über das Nachbardorf "
    "fahren, was die Fahrt zum Bahnhof um etwa zehn Minuten verlängert.",
    "Die Feuerwehr hat zugesagt, für die Zeit der Arbeiten ein zweites Fahrzeug auf der anderen "
    "Seite des Flusses bereitzuhalten, damit sie im Notfall schnell genug vor Ort ist.",
    "Ein Fachbüro aus der Kreisstadt hat die Pläne erstellt und wird die Arbeiten auch "
    "überwachen, die Ausschreibung für die Baufirmen soll noch vor Weihnachten beginnen.",
    "Wer Fragen zu den Plänen hat, kann sie im Rathaus einsehen, wo sie bis Ende des Monats "
    "während der üblichen Öffnungszeiten im Foyer ausgelegt sind.",
    "Die alte Brücke wurde im Jahr 1911 gebaut und seitdem nur zweimal ausgebessert, zuletzt "
    "nach dem Hochwasser vor zwanzig Jahren, als ein Pfeiler unterspült worden war.",
    "Ein Teil des alten Geländers soll nach dem Abriss im Heimatmuseum ausgestellt werden, "
    "das schon mehrere Bilder der Brücke aus den ersten Jahren ihres Bestehens besitzt.",
    "Für die Zeit nach der Eröffnung plant der Ort ein Brückenfest, zu dem auch die "
    "Nachbargemeinden auf der anderen Seite des Flusses eingeladen werden sollen.",
    "Bis dahin bittet die Gemeinde alle Autofahrer, die Behelfsbrücke nur im Schritttempo zu "
    "befahren und den Radfahrern an den Engstellen den Vortritt zu lassen.",
]


def test_an_appeal_s_box_at_the_article_s_end_goes_whole() -> None:
    result = clean([*BRIDGE_STORY_DE, *APPEAL_BOX, "Impressum", "Datenschutz"])
    assert kept(result) == BRIDGE_STORY_DE
    assert reasons_for(result, APPEAL_BOX[1])[0][1].startswith("an appeal's text")


def test_the_article_going_on_below_an_appeal_stays() -> None:
    # A plea set inside the article, and the article's paragraphs after it.
    page = [*ARTICLE_DE[:2], APPEAL_BOX[0], *ARTICLE_DE[2:], APPEAL_BOX[3]]
    assert kept(clean(page)) == [*ARTICLE_DE[:2], APPEAL_BOX[0], *ARTICLE_DE[2:]]
    page = [*BRIDGE_STORY_DE[:-2], APPEAL_BOX[0], *BRIDGE_STORY_DE[-2:], APPEAL_BOX[3]]
    assert kept(clean(page)) == [*BRIDGE_STORY_DE[:-2], APPEAL_BOX[0], *BRIDGE_STORY_DE[-2:]]
    # Two pleas apart with the whole article between them: no box.
    page = [APPEAL_BOX[0], *ARTICLE_DE, APPEAL_BOX[3]]
    assert kept(clean(page)) == ARTICLE_DE


def test_sentences_about_browsers_subscriptions_and_support_stay() -> None:
    for line in (
        "Mozilla released an update for its Firefox browser on Tuesday, which closes twelve "
        "security holes that attackers had already used.",
        "The paper said that subscribers also receive a printed edition on Sundays, and that "
        "the price will not change this year.",
        "Residents who support the plan say that the ferry will bring more visitors to the "
        "islands in summer.",
        "Die Stadt will die Vereine mit ihrer Spende von zehntausend Euro beim Neubau des "
        "Sportplatzes unterstützen.",
        "Fake invoices from the ferry company have landed in many inboxes, and the police ask "
        "residents to get a daily reminder of the timetable from the council instead.",
        "The latest news from our reporter on the islands is that the ferry will run again on "
        "Monday.",
    ):
        article = ARTICLE_DE if "Stadt" in line else ARTICLE_EN
        for page in ([*article[:2], line, *article[2:]], [*article, line]):
            assert kept(clean(page)) == page, line


def test_more_from_a_site_below_the_article_goes_with_its_teasers() -> None:
    # Without the heading, the teaser would pass for the article's last paragraph.
    teasers = ["More From the Harbour Times", "Council votes to close the old pier",
               "The pier has been closed to cars since last spring, and the council says "
               "that repairs would cost more than the town can pay."]
    result = clean([*ARTICLE_EN, *teasers])
    assert kept(result) == ARTICLE_EN
    assert "below the article" in reasons_for(result, teasers[0])[0][1]


def test_links_to_the_next_and_previous_post_below_the_article_go() -> None:
    for line in ("Next: Elegantly activating a virtualenv in a Dockerfile",
                 "Previous post: Why the harbour matters",
                 "Nächster Beitrag: Warum die Brücke wichtig ist"):
        article = ARTICLE_DE if "Brücke" in line else ARTICLE_EN
        assert kept(clean([*article, line])) == article, line
    # A recipe's last step is a sentence.
    step = "Next: we add the flour and stir until the dough is smooth."
    assert kept(clean([*ARTICLE_EN, step])) == [*ARTICLE_EN, step]


def test_boxes_of_more_stories_below_a_polish_article_go() -> None:
    article = [
        "Rada miasta zdecydowała we wtorek, że stary most na rzece zostanie w przyszłym roku "
        "zastąpiony nowym, szerszym mostem z pasem dla rowerów.",
        "Prace mają się rozpocząć wiosną i potrwać około półtora roku, a w tym czasie ruch "
        "zostanie skierowany na most tymczasowy.",
        "Mieszkańcy od lat skarżyli się na stan mostu, którego barierki są w wielu miejscach "
        "uszkodzone, a jezdnia ma tylko jeden pas.",
    ]
    boxes = ["Więcej na ten temat", "Nowy prom na wyspy od maja", "Port zamknięty z powodu sztormu",
             "Warte przeczytania", "Społeczeństwo", "Szkoła na wyspie dostanie nowy dach"]
    result = clean([*article, *boxes])
    assert kept(result) == article
    assert reasons_for(result, "Warte przeczytania")[0][0] == "scaffolding"


def test_the_dates_of_teasers_below_the_article_go_with_them() -> None:
    # A sentence that is no running text far below (a signup's blurb) keeps the page's body
    # open below the teasers, so their dates are no dates at the page's tail.
    teasers = [
        "Mehr aus der Region",
        "Neue Fähre zu den Inseln ab Mai",
        "Die Reederei setzt ab dem ersten Mai ein zweites Schiff ein, das auch Fahrräder und "
        "Autos mitnimmt.",
        "Anna Beispiel", "29.04.2021",
        "Hafen wegen Sturm geschlossen",
        "Wegen des Sturms blieb der Hafen am Montag den ganzen Tag geschlossen, die Fähren "
        "fuhren nicht.",
        "Jan Muster", "27.04.2021",
    ]
    blurb = "Täglich kompakte Nachrichten, Analysen, Hintergründe, Reportagen, Kommentare."
    result = clean([*BRIDGE_STORY_DE, *teasers, "Impressum", blurb])
    assert kept(result)[: len(BRIDGE_STORY_DE)] == BRIDGE_STORY_DE
    for date in ("29.04.2021", "27.04.2021"):
        assert reasons_for(result, date)[0][1].startswith("not article text"), date


def test_more_from_in_a_headline_or_a_sentence_stays() -> None:
    for line in ("More from less: how the islands save water in summer",
                 "More from the council's meeting on Tuesday follows below."):
        page = [*ARTICLE_EN, line]
        assert kept(clean(page)) == page, line


# The page's head: an account's greeting or a login prompt reads like a sentence, but holds
# less running text than any lead of an article.

SHOP_MENU = ["Bestellungen", "Merkliste", "Warenkorb", "Angebote", "Prospekte"]


def test_a_login_prompt_in_the_page_s_head_goes() -> None:
    prompt = "Noch kein Konto bei uns? Jetzt eins anlegen!"
    result = clean(["Mein Konto", "Anmelden", prompt, "Menu", *SHOP_MENU, *ARTICLE_DE])
    assert prompt not in result.text
    assert all(paragraph in result.text for paragraph in ARTICLE_DE)


def test_a_lead_above_a_menu_in_the_article_stays() -> None:
    lead = ("Die alte Brücke über den Fluss wird ersetzt: Der Neubau soll auch Radfahrern "
            "Platz bieten.")
    result = clean(["Mein Konto", "Anmelden", lead, "Menu", *SHOP_MENU, *ARTICLE_DE])
    assert lead in result.text
    assert all(paragraph in result.text for paragraph in ARTICLE_DE)


# A sentence set apart by chrome between two parts of the article that stay (a note under a
# chart, between its share buttons and the next section) is the article's own, however short.


def test_a_short_paragraph_between_two_kept_parts_of_the_article_stays() -> None:
    note = "Only the largest parties are shown on the map."
    page = [*ARTICLE_EN[:2], "Share this:", "Facebook", "Twitter", note, "Advertisement",
            *SHOP_MENU, *ARTICLE_EN[2:]]
    result = clean(page)
    assert note in result.text
    assert all(paragraph in result.text for paragraph in ARTICLE_EN)


def test_a_short_paragraph_below_the_article_s_last_kept_part_still_goes() -> None:
    teaser = "Only the largest parties are shown on the map."
    page = [*ARTICLE_EN, "Share this:", "Facebook", "Twitter", teaser, "Advertisement",
            *SHOP_MENU]
    result = clean(page)
    assert teaser not in result.text
    assert all(paragraph in result.text for paragraph in ARTICLE_EN)


# Cookie declaration tables that consent plugins print: one row per cookie, its name, how
# long it lasts and what it does. Each row is a sentence of prose about cookies, but never the
# article's own.

def test_rows_of_a_cookie_declaration_go_wherever_they_stand() -> None:
    rows = [
        "_session_tracker 2 years The _session_tracker cookie records which pages a visitor "
        "opened, so that the statistics service can count returning readers.",
        "consent-banner-state 11 months Set by the consent plugin, this cookie stores whether "
        "the visitor accepted the cookies in the category Analytics.",
        "PREFID session This cookie keeps the language a visitor chose while the browser "
        "stays open.",
    ]
    result = clean([*ARTICLE_EN[:2], *rows, *ARTICLE_EN[2:]])
    assert kept(result) == ARTICLE_EN
    for row in rows:
        assert reasons_for(result, row)[0][0] == "scaffolding"


def test_a_sentence_that_starts_with_a_name_and_a_duration_and_mentions_cookies_stays() -> None:
    sentence = (
        "Maria 12 years ago baked her first batch of cookies for the village fair, and she has "
        "sold them there every summer since."
    )
    result = clean(inside(sentence))
    assert sentence in kept(result)


def test_a_german_cookie_notice_that_says_website_goes() -> None:
    notice = ("Diese Website verwendet Cookies, damit wir Ihnen die bestmögliche Nutzung "
              "anbieten können.")
    result = clean([*ARTICLE_DE, notice])
    assert kept(result) == ARTICLE_DE


def test_a_cookie_notice_that_speaks_of_the_site_s_services_goes() -> None:
    for notice in [
        "Cookies help us deliver our services. By using our services, you agree to our use of "
        "cookies.",
        "Cookies erleichtern die Bereitstellung unserer Dienste. Mit der Nutzung unserer Dienste "
        "erklären Sie sich damit einverstanden, dass wir Cookies verwenden. OK",
    ]:
        result = clean([*ARTICLE_DE, notice])
        assert kept(result) == ARTICLE_DE
        assert reasons_for(result, notice)[0][0] == "scaffolding"


def test_a_consent_banner_with_the_verb_first_and_the_privacy_policy_goes() -> None:
    banner = [
        "Auf unserer Website nutzen wir neben technisch erforderlichen Cookies auch optionale "
        "Cookies zur statistischen Analyse der Nutzung unseres Angebots.",
        "Weitere Details finden Sie in unserer Datenschutzerklärung. Sie können Cookies "
        "jederzeit über das Cookie-Symbol am Seitenende anpassen.",
    ]
    result = clean([*banner, *ARTICLE_DE])
    assert kept(result) == ARTICLE_DE
    assert {rule for line in banner for rule, _ in reasons_for(result, line)} == {"scaffolding"}
    # A sentence of an article about cookies, where no site speaks of itself.
    sentence = ("Verbraucherschützer kritisieren, dass viele Seiten Cookies setzen, bevor die "
                "Nutzer der Datenschutzerklärung zugestimmt haben.")
    assert kept(clean([*ARTICLE_DE[:2], sentence, *ARTICLE_DE[2:]])) == [
        *ARTICLE_DE[:2], sentence, *ARTICLE_DE[2:]]


def test_the_categories_of_a_cookie_dialog_go_even_when_they_outweigh_the_article() -> None:
    # A consent plugin's dialog below a short article: more running text than the article.
    dialog = [
        "Diese Website verwendet Cookies, um Ihre Erfahrungen zu verbessern, während Sie durch "
        "die Website navigieren. Von diesen werden die als notwendig eingestuften Cookies in "
        "Ihrem Browser gespeichert, da sie für das Funktionieren der Grundfunktionen der Website "
        "unerlässlich sind. Wir verwenden auch Cookies von Drittanbietern, die uns helfen zu "
        "analysieren und zu verstehen, wie Sie diese Website nutzen. Diese Cookies werden nur "
        "mit Ihrer Zustimmung in Ihrem Browser gespeichert. Sie haben auch die Möglichkeit, "
        "diese Cookies abzulehnen. Das Ablehnen einiger dieser Cookies kann jedoch Ihr "
        "Surferlebnis beeinträchtigen.",
        "Notwendige Cookies sind für das einwandfreie Funktionieren der Website absolut "
        "notwendig. Diese Kategorie umfasst nur Cookies, die grundlegende Funktionen und "
        "Sicherheitsmerkmale der Website gewährleisten.",
        "Funktionale Cookies helfen dabei, bestimmte Funktionen auszuführen, wie z. B. das "
        "Teilen von Inhalten der Website auf Social-Media-Plattformen und das Sammeln von "
        "Feedback.",
        "Analytische Cookies werden verwendet, um zu verstehen, wie Besucher mit der Website "
        "interagieren, und helfen bei Kennzahlen wie der Zahl der Besucher und der Absprungrate.",
        "Werbe-Cookies werden verwendet, um Besuchern relevante Werbung und Marketing-Kampagnen "
        "anzuzeigen, und verfolgen Besucher über Websites hinweg.",
    ]
    result = clean([*ARTICLE_DE[:2], *dialog])
    assert kept(result) == ARTICLE_DE[:2]
    for line in dialog:
        assert reasons_for(result, line)[0][0] == "scaffolding"
    line = "Marketing cookies are controversial because they follow readers from site to site."
    assert kept(clean(inside(line))) == inside(line)


def test_cookie_settings_around_the_article_go_and_a_recipe_s_cookies_stay() -> None:
    settings = [
        "Cookie-Einstellungen",
        "Alle Cookies akzeptieren",
        "Wir respektieren es voll und ganz, wenn Sie Cookies ablehnen möchten.",
        "Zum Login müssen zunächst die essentiellen Cookies akzeptiert werden",
    ]
    result = clean([*ARTICLE_DE, *settings])
    assert kept(result) == ARTICLE_DE
    for line in settings[1:]:
        assert "chrome line about cookie settings" in reasons_for(result, line)[0][1]
    recipe = [
        "3-Ingredient Vegan Peanut Butter Cookies",
        "Roll a spoonful of the dough into a ball, then place it onto a baking sheet (cookie "
        "sheet) and press it flat with a fork.",
        "Bake the cookies for twelve minutes, until the edges are golden, and let them cool on "
        "the sheet before you move them.",
    ]
    assert kept(clean(recipe)) == recipe
    assert kept(clean([*ARTICLE_EN, recipe[0]])) == [*ARTICLE_EN, recipe[0]]


# A box of links set inside an article ("Related stories" and a few titles): the article's
# last paragraphs below it are the article's own, the box goes.

BOX_TITLES = [
    "Harbour fees to rise for the first time in a decade",
    "New timetable for the island buses from June",
    "Storm damage closes the old pier for the summer",
]
ARTICLE_TAIL = [
    "A spokesman for the ferry company said that the crossing would be free for children "
    "under twelve during the first month.",
]


def test_the_article_s_last_paragraph_below_a_box_of_links_stays() -> None:
    result = clean([*ARTICLE_EN, "Related stories", *BOX_TITLES, *ARTICLE_TAIL])
    assert kept(result) == [*ARTICLE_EN, *ARTICLE_TAIL]


def test_teasers_cut_off_below_a_box_heading_go() -> None:
    teasers = [
        "The harbour master has warned that fees for visiting yachts will rise by a third "
        "from next spring, as the council...",
        "Buses to the outer villages will run every hour from June, and the first bus will "
        "leave the harbour at...",
    ]
    result = clean([*ARTICLE_EN, "Related stories", *BOX_TITLES[:1], *teasers])
    assert kept(result) == ARTICLE_EN


def test_sentences_below_a_box_longer_than_a_box_go() -> None:
    titles = [f"{title}, and more news from the coast" for title in BOX_TITLES] + [
        "Fishing quotas cut again for the northern fleet",
        "Lifeboat crew honoured for a night rescue",
        "Lighthouse opens to visitors for one weekend",
        "Island school wins a national prize",
    ]
    result = clean([*ARTICLE_EN, "Related stories", *titles, *ARTICLE_TAIL])
    assert ARTICLE_TAIL[0] not in kept(result)


# The article's headline set apart from its text by media tabs and a byline: the page's title
# line repeats it, and so names it.

SITE_MENU = ["Home", "News", "Sport", "Business", "Weather", "Contact"]
HEADLINE = "Ferry link to the outer islands approved by the council"


def test_the_headline_that_the_page_title_repeats_stays() -> None:
    page = [f"{HEADLINE} | News | The Island Times", *SITE_MENU, HEADLINE,
            "Published: Tuesday 4 March", "Photo", "Video", *ARTICLE_EN]
    result = clean(page)
    assert kept(result) == [HEADLINE, *ARTICLE_EN]


def test_a_line_that_only_starts_like_the_title_goes_with_the_menu() -> None:
    teaser = "Ferry link to the outer islands"
    page = [f"{HEADLINE} | News | The Island Times", *SITE_MENU, teaser,
            "Published: Tuesday 4 March", "Photo", "Video", *ARTICLE_EN]
    assert teaser not in kept(clean(page))


def test_a_lead_cut_off_in_a_teaser_below_the_article_does_not_hold_the_tail() -> None:
    # A teaser list below the article ends with the article's own lead cut off with "...";
    # the cut-off copy goes, so the dates above it are in the tail, on the first cleaning as
    # on the second.
    lead = ARTICLE_EN[0]
    page = [
        *ARTICLE_EN,
        "Posted on March 10, 2021",
        "Social Share",
        "Posted on August 30, 2021",
        "Social Share",
        lead[:70] + "...",
        "Posted on April 29, 2022",
        "Social Share",
    ]
    result = clean(page)
    assert kept(result) == ARTICLE_EN


def test_server_error_messages_go_wherever_they_stand() -> None:
    errors = [
        "Strict Standards: Declaration of Walker_Page::start_lvl() should be compatible with "
        "Walker::start_lvl(&$output) in /www/htdocs/w00/wp-includes/classes.php on line 1199",
        "Warning: Cannot modify header information - headers already sent by (output started "
        "at /home/site/public_html/wp-config.php:1) in /home/site/public_html/wp-includes/"
        "pluggable.php on line 934",
        "Deprecated: Function create_function() is deprecated in "
        "C:\\xampp\\htdocs\\blog\\index.php on line 5",
    ]
    result = clean([errors[0], errors[1], *ARTICLE_EN[:2], errors[2], *ARTICLE_EN[2:]])
    assert kept(result) == ARTICLE_EN
    assert "comment_thread" not in {removal.rule for removal in result.removals}


def test_a_warning_in_the_article_s_words_stays() -> None:
    article = [
        *ARTICLE_EN[:2],
        "Warning: the crossing may be cancelled in /strong winds, the company said, and "
        "passengers will be told on line 3 of the timetable board.",
        *ARTICLE_EN[2:],
    ]
    assert kept(clean(article)) == article


COMMENT_FORM_CONSENT = [
    "Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser speichern, bis ich "
    "wieder kommentiere.",
    "Meinen Namen, Email und Website in diesem Browser speichern, bis ich wieder kommentiere.",
    "Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain "
    "commentaire.",
    "Guarda mi nombre, correo electrónico y web en este navegador para la próxima vez que "
    "comente.",
    "Salvar meus dados neste navegador para a próxima vez que eu comentar.",
    "Salva il mio nome, email e sito web in questo browser per la prossima volta che commento.",
    "Mijn naam, e-mail en site opslaan in deze browser voor de volgende keer wanneer ik een "
    "reactie plaats.",
    "Zapamiętaj moje dane w tej przeglądarce podczas pisania kolejnych komentarzy.",
    "Сохранить моё имя, email и адрес сайта в этом браузере для последующих моих комментариев.",
    "Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya.",
    # The data consent of a comment form plugin.
    "Mit der Nutzung dieses Formulars erklärst du dich mit der Speicherung und Verarbeitung "
    "deiner Daten durch diese Website einverstanden. *",
    "By using this form you agree with the storage and handling of your data by this website.",
    "En utilisant ce formulaire, vous acceptez le stockage et le traitement de vos données par "
    "ce site web.",
]


@pytest.mark.parametrize("consent", COMMENT_FORM_CONSENT)
def test_a_comment_form_s_consent_box_goes_in_every_language(consent: str) -> None:
    # Read like a sentence, and set inside the article's span by a comment form below it.
    result = clean([*ARTICLE_DE[:2], consent, *ARTICLE_DE[2:]])
    assert kept(result) == ARTICLE_DE


@pytest.mark.parametrize("navigation", [
    "Vorherige: Kölner Zentralmoschee will zum Gebet rufen",
    "Nächster Beitrag: Die neue Brücke wird eröffnet",
    "Article suivant Après une mise en quarantaine, les rapatriés rentrent chez eux",
    "Artículo anterior Los gremios piden ayuda al gobierno",
    "Articolo successivo: Il ponte nuovo apre a maggio",
    "Volgend bericht: De nieuwe brug gaat open",
    "Следующая статья: Новый мост откроют в мае",
])
def test_links_to_the_previous_and_next_post_go(navigation: str) -> None:
    result = clean([*ARTICLE_DE[:2], navigation, *ARTICLE_DE[2:]])
    assert kept(result) == ARTICLE_DE


def test_a_sentence_about_the_next_article_stays() -> None:
    article = [
        *ARTICLE_DE[:2],
        "Nächste Woche folgt der zweite Teil, in dem die Anwohner selbst zu Wort kommen und "
        "erzählen, wie sie die lange Bauzeit erlebt haben.",
        *ARTICLE_DE[2:],
    ]
    assert kept(clean(article)) == article


AUTHOR_BIO = (
    "Anna Berger ist Redakteurin im Ressort Lokales. Sie schreibt seit 2012 über Verkehr, "
    "Bauprojekte und die Gemeindepolitik der Region."
)


def test_the_byline_s_author_box_below_the_article_goes() -> None:
    page = ["Neue Brücke für den Fluss", "12.03.2021 | von Anna Berger", *ARTICLE_DE,
            "Anna Berger", AUTHOR_BIO]
    result = clean(page)
    # The byline holds a date: it goes as a date line, and still names the box's author.
    assert kept(result) == ["Neue Brücke für den Fluss", *ARTICLE_DE]
    assert reasons_for(result, "12.03.2021 | von Anna Berger")[0][0] == "date_header"
    reasons = [r.reason for r in result.removals if r.rule == "scaffolding"]
    assert len(reasons) == 2
    assert all("author box" in reason for reason in reasons)


def test_a_paragraph_about_the_article_s_subject_stays() -> None:
    # A portrait: the paragraph under the name is about its subject, not about its author.
    subject = (
        "Karl Huber ist seit dreißig Jahren Fährmann auf dem See. Er kennt jede Strömung "
        "und jeden Stein, und er fährt auch bei Sturm, wenn die anderen im Hafen bleiben."
    )
    page = ["Der letzte Fährmann", "12.03.2021 | von Anna Berger", *ARTICLE_DE[:2],
            "Karl Huber", subject, *ARTICLE_DE[2:]]
    assert kept(clean(page)) == [page[0], *page[2:]]  # the dated byline goes, as date lines do
    # Named in the headline, not in the byline: still the subject.
    page = ["Karl Huber, der letzte Fährmann", *ARTICLE_DE, "Karl Huber", subject]
    assert kept(clean(page)) == page


@pytest.mark.parametrize("buttons", [
    ["Facebook", "Twitter", "E-Mail"],
    ["* Teilen auf Facebook", "* Teilen auf WhatsApp", "* Drucken"],
    ["Share", "Facebook 12", "Twitter (3)", "Email"],
    ["Compartir", "Enviar por mail"],
])
def test_a_row_of_share_buttons_inside_the_article_goes(buttons: list[str]) -> None:
    # Between two paragraphs of the article, on lines of their own (blank lines between).
    page = [*ARTICLE_EN[:2], *buttons, *ARTICLE_EN[2:]]
    result = clean(page)
    assert kept(result) == ARTICLE_EN
    # Each goes once, as a phrase of the table or as a button of the row.
    reasons = [reasons_for(result, button) for button in buttons]
    assert all(len(found) == 1 and found[0][0] == "scaffolding" for found in reasons)
    row = f"row of {len(buttons)} share buttons: {buttons[0]!r}"
    assert any(found[0][1].startswith(row) for found in reasons)


def test_a_list_of_networks_in_the_article_stays() -> None:
    # One name on its own line, or a list of names an article may well print bare.
    assert stays_inside("Facebook")
    page = [*ARTICLE_EN[:2], "The new apps on test:", "X", "Threads", *ARTICLE_EN[2:]]
    assert kept(clean(page)) == page


@pytest.mark.parametrize("notice", [
    "Except where otherwise noted, content on this site is licensed under a Creative Commons "
    "Attribution 4.0 International License.",
    "Die Inhalte dieser Website sind unter einer Creative Commons-Lizenz lizenziert.",
    "Sofern nicht anders ausgewiesen, stehen Inhalte dieser Website unter CC-BY.",
    # With its exceptions, a notice runs longer.
    "Texte auf dieser Webseite stehen unter einer Creative Commons Namensnennung-Keine "
    "Bearbeitung 3.0 Unported Lizenz. Eine Ausnahme bilden die auf dieser Webseite befindlichen "
    "Presseartikel. Bei diesen liegen die Rechte bei den jeweiligen Autor_innen/Verlagen. "
    "Bilder auf dieser Webseite (©) siehe Impressum.",
])
def test_a_licence_notice_below_the_article_goes(notice: str) -> None:
    result = clean([*ARTICLE_EN, notice])
    assert kept(result) == ARTICLE_EN
    # The line-classification rule takes edge chrome beyond the last running text first.
    [(rule, reason)] = reasons_for(result, notice)
    assert rule in ("scaffolding", "boilerplate_line")
    assert "licence notices" in reason


def test_a_sentence_about_licences_stays() -> None:
    # About licences in general, not about the site's own content.
    sentence = ("Mit Creative Commons können Urheber von Fotos, Videos, Musik und Texten "
                "festlegen, unter welchen Lizenzen andere ihre Werke nutzen dürfen.")
    assert kept(clean([*ARTICLE_DE, sentence])) == [*ARTICLE_DE, sentence]


@pytest.mark.parametrize(("line", "article"), [
    ("No Responses so far »", ARTICLE_EN),
    ("Failed to load latest commit information.", ARTICLE_EN),
    ("Unable to edit the page? See the FrontPage for instructions.", ARTICLE_EN),
    ("Instant access to the full article PDF.", ARTICLE_EN),
    ("Haben Sie das Gesuchte nicht gefunden?", ARTICLE_DE),
    ("Externer Inhalt", ARTICLE_DE),
])
def test_chrome_of_blogs_code_hosts_wikis_and_paywalls_goes(
    line: str, article: list[str]
) -> None:
    result = clean([*article[:2], line, *article[2:]])
    assert kept(result) == article
    assert reasons_for(result, line)[0][0] == "scaffolding"


@pytest.mark.parametrize("footer", [
    "This page was last edited on 5 May 2021, at 10:32.",
    "Diese Seite wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.",
    "Cette page a été modifiée pour la dernière fois le 3 mars 2021 à 10:12.",
    "Esta página se editó por última vez el 2 may 2021 a las 10:32.",
])
def test_a_wiki_page_s_last_edit_line_goes(footer: str) -> None:
    result = clean([*ARTICLE_EN, footer, "Privacy policy"])
    assert kept(result) == ARTICLE_EN
    [(rule, _)] = reasons_for(result, footer)
    assert rule == "scaffolding"


@pytest.mark.parametrize("notice", [
    "InvestmentWatchBlog.com © 2018. All Rights Reserved.",
    "Copyright by Landwirtschaftsverlag GmbH. Alle Rechte vorbehalten",
    "2024 The Local, All Rights Reserved.",
])
def test_a_copyright_notice_at_the_foot_goes(notice: str) -> None:
    assert kept(clean([*ARTICLE_EN, notice])) == ARTICLE_EN


def test_rights_reserved_in_the_article_s_words_stays() -> None:
    sentence = "All rights reserved, the label said, and the band had to ask before playing."
    assert stays_inside(sentence)


# Below the article: a comment form's labels and rules, the tabs over the boxes below an
# article, a blog's disclaimer of opinion, a metered paywall's count, a comment policy, an
# author's biography (a name, then what the author writes and for whom). Above it: a reading
# time. The same words inside the article stay.

@pytest.mark.parametrize(("chrome", "article"), [
    (["Texte de votre message",
      "Pour créer des paragraphes, laissez simplement des lignes vides.",
      "Qui êtes-vous ?", "Votre nom", "Votre adresse email"], ARTICLE_EN),
    (["Related articlesMore from author"], ARTICLE_EN),
    (["Verwandte Artikel Mehr vom Autor"], ARTICLE_EN),
    (["Bitte registrieren Sie sich und halten Sie sich an unsere Netiquette."], ARTICLE_EN),
    (["Les opinions exprimées dans les blogs de la rédaction n'engagent que leurs auteurs."],
     ARTICLE_EN),
    (["The views expressed in this column do not necessarily reflect those of the publisher."],
     ARTICLE_EN),
    (["Vous avez lu 1 des 4 articles gratuits ce mois-ci."], ARTICLE_EN),
    (["You've read 2 of 3 free articles this month."], ARTICLE_EN),
    (["Sie haben 3 von 5 kostenlosen Artikeln gelesen."], ARTICLE_EN),
    (["Has leído 2 de 10 artículos gratuitos este mes."], ARTICLE_EN),
    (["Please understand that comments are moderated and it is not always possible to publish "
      "all that have been submitted."], ARTICLE_EN),
    (["Die Kommentare werden moderiert und erscheinen nicht sofort."], ARTICLE_EN),
    (["Will Knight is a senior writer for WIRED, covering artificial intelligence. He was "
      "previously a senior editor at MIT Technology Review."], ARTICLE_EN),
    (["Perry Bacon Jr. is a senior writer for FiveThirtyEight. @perrybaconjr"], ARTICLE_EN),
    (["Schreibt seit 2008 für die taz. Beschäftigt sich mit der Frage, ob Kapitalismus auch "
      "öko kann."], ARTICLE_DE),
    (["Anna Berg ist freie Journalistin in Hamburg."], ARTICLE_DE),
])
def test_chrome_below_the_article_goes(chrome: list[str], article: list[str]) -> None:
    assert kept(clean([*article, *chrome])) == article


@pytest.mark.parametrize("line", [
    "Ten tekst przeczytasz w mniej niż minutę", "Czas czytania: 3 min",
    "Tempo de leitura: 4 minutos", "Tempo di lettura: 2 minuti", "Leestijd: 3 minuten",
    "Время чтения: 5 минут", "Waktu baca 2 menit", "5 min read",
])
def test_a_reading_time_above_the_article_goes(line: str) -> None:
    assert kept(clean([line, *ARTICLE_EN])) == ARTICLE_EN


@pytest.mark.parametrize("line", [
    "The school now teaches netiquette in its first year, from how to write an email to how to "
    "disagree in a forum.",
    "The paper says comments are moderated by two editors, who read every one of them before "
    "it appears under a story.",
    "The new harbour master is a former reporter for the island paper, and she has promised "
    "weekly reports on the ferry.",
])
def test_the_same_words_in_a_sentence_of_the_article_stay(line: str) -> None:
    assert stays_inside(line)


# Readers' comments below the article: running text, often more of it than the article's,
# under a heading or a commenter's line, each with a time stamp and a "Reply" line.

COMMENTS_EN = [
    "Margaret Hill says:",
    "May 3, 2021 at 10:32 am",
    "We have waited for this link for a very long time, and I am glad that the council has "
    "finally listened to the people who live on the islands all year round.",
    "Reply",
    "Tom Baker says:",
    "May 3, 2021 at 11:05 am",
    "Half the fare for residents is a fair deal, but I wonder what the boat will cost in "
    "winter when there are hardly any visitors on the islands to fill it.",
    "Reply",
    "Ann Price says:",
    "May 4, 2021 at 8:17 am",
    "My mother lives on the furthest island and this will save her a whole morning every "
    "time she has to see the doctor on the mainland, which is every other week.",
    "Reply",
]
COMMENTS_DE = [
    "Martina K.",
    "14. 01. 2020, 13:47",
    "Das wurde aber auch Zeit, die alte Brücke ist seit Jahren in einem erbärmlichen Zustand "
    "und niemand wollte sich darum kümmern, bis jetzt endlich etwas passiert.",
    "Antworten",
    "Melden",
    "Peter S.",
    "14. 01. 2020, 15:02",
    "Achtzehn Monate Bauzeit halte ich für sehr optimistisch, bei uns im Ort hat eine viel "
    "kleinere Brücke am Ende fast drei Jahre gedauert und doppelt so viel gekostet.",
    "Antworten",
    "Melden",
]


@pytest.mark.parametrize(("article", "thread"), [
    (ARTICLE_EN, ["3 thoughts on “Ferry link to the islands approved”", *COMMENTS_EN]),
    (ARTICLE_EN, ["Comments (3)", *COMMENTS_EN]),
    (ARTICLE_EN, COMMENTS_EN),  # no heading: the first commenter's line opens the thread
    (ARTICLE_DE, ["Leserkommentare", *COMMENTS_DE]),
    (ARTICLE_DE, ["2 Kommentare", *COMMENTS_DE]),
])
def test_readers_comments_below_the_article_go(article: list[str], thread: list[str]) -> None:
    result = clean([*article, *thread])
    assert kept(result) == article
    comments = [line for line in thread if len(line) > 60]
    assert all(
        reasons_for(result, line)[0][0] == "comment_thread"
        and reasons_for(result, line)[0][1].startswith("readers' comments below the article")
        for line in comments
    )


def test_skipping_the_comment_rule_keeps_the_thread_whole_below_a_short_article() -> None:
    # The comments hold more running text than the article, and still are not taken for it:
    # the article and the comments stay, commenters and time stamps too; only the table's
    # chrome among them goes ("3 thoughts on ...", a last "Reply").
    article = ARTICLE_EN[:2]
    thread = ["3 thoughts on “Ferry link to the islands approved”", *COMMENTS_EN]
    page = [*article, *thread]
    config = dechaff.Config().without("comment_thread")
    result = dechaff.clean("\n\n".join(page) + "\n", config)
    assert dechaff.clean(result.text, config).text == result.text
    assert [line for line in kept(result) if line != "Reply"] == [
        *article, *(line for line in COMMENTS_EN if line != "Reply")
    ]
    assert "comment_thread" not in {removal.rule for removal in result.removals}
    assert kept(clean(page)) == article


def test_a_thread_stamped_with_how_long_ago_goes() -> None:
    # A comment plugin's sort bar heads the thread; each comment says how long ago it was
    # written, and a vote count stands under it.
    thread = [
        "Neueste Älteste Beste Bewertung",
        "Gast",
        "Martina K.",
        COMMENTS_DE[2],
        "Daumen hoch 6 Daumen runter",
        "vor 3 Tagen",
        "Gast",
        "Peter S.",
        COMMENTS_DE[7],
        "Daumen hoch 2 Daumen runter",
        "2 Stunden 14 Minuten her",
    ]
    result = clean([*ARTICLE_DE, *thread])
    assert kept(result) == ARTICLE_DE
    assert reasons_for(result, COMMENTS_DE[7])[0][0] == "comment_thread"


def test_a_blog_s_feed_links_and_blog_list_open_no_thread() -> None:
    # "Subscribe To: Posts Atom Comments Atom", then a list of other blogs, each with its
    # latest post and how long ago it came out: a sidebar, not readers' comments.
    sidebar = [
        "Subscribe To", "Posts", "Atom", "Posts", "Comments", "Atom", "Comments",
        "Island Kitchen",
        "A stylish harbourside stay at the old hotel, with a view of the boats...",
        "19 hours ago",
        "Ferry Food",
        "Mushroom sauce with cream, and how to use it in your cooking all week...",
        "3 years ago",
    ]
    result = clean([*ARTICLE_EN, *sidebar])
    assert "comment_thread" not in {removal.rule for removal in result.removals}


def test_a_comment_count_under_the_headline_opens_no_thread() -> None:
    page = ["Ferry link to the islands approved", "12 Comments", *ARTICLE_EN]
    assert kept(clean(page)) == [page[0], *ARTICLE_EN]


@pytest.mark.parametrize("article", [
    # A section of the article headed "Comments", with no commenter, time stamp or reply.
    [*ARTICLE_EN, "Comments", "The mayor said that the council had received more than two "
     "hundred letters about the plan, most of them in favour of the link.", "A few letters "
     "asked why the boat would not also call at the small pier on the west side of the "
     "largest island, where most of the holiday houses are.", "The ferry company answered "
     "that the pier is too short for the new boat, and that it would look at a longer pier "
     "with the council once the first summer is over."],
    # A quote introduced with "... sagt:", no time stamp below.
    [*ARTICLE_DE, "Der Bürgermeister sagt:", "„Wir haben lange genug gewartet, und jetzt "
     "bauen wir eine Brücke, die auch in fünfzig Jahren noch steht.“"],
])
def test_an_article_s_own_comments_section_or_quote_stays(article: list[str]) -> None:
    assert kept(clean(article)) == article


# Teasers cut off with an ellipsis and a link after it, the same link on several lines.

def test_teaser_links_alike_go_wherever_they_stand() -> None:
    teasers = [
        "Harbour festival returns in June... read the story",
        "New timetable for the island buses... read the story",
        "Lighthouse opens its doors to visitors… read the story",
    ]
    result = clean([*teasers, *ARTICLE_EN])
    assert kept(result) == ARTICLE_EN
    assert all("teaser link" in reasons_for(result, line)[0][1] for line in teasers)


def test_lines_of_the_article_that_end_after_an_ellipsis_stay() -> None:
    # Two alike are no list of teasers; a quote's omission "[...]" is no link.
    article = [
        ARTICLE_EN[0], "We waited... and waited for years", ARTICLE_EN[1],
        "They came... and waited for years", ARTICLE_EN[2],
        "“The boat is small, but it will do [...]”", "“It sails twice a day [...]”",
        "“Residents pay half [...]”", ARTICLE_EN[3],
    ]
    assert kept(clean(article)) == article


def test_the_site_s_own_newsletter_inside_the_article_goes() -> None:
    prompt = "Never miss the latest news by signing up to our newsletter today!"
    article = inside(prompt)
    result = clean(article)
    assert kept(result) == ARTICLE_EN
    assert "newsletter" in reasons_for(result, prompt)[0][1]


def test_a_newsletter_the_article_speaks_of_stays() -> None:
    article = [*ARTICLE_EN[:2], "The island school sends a newsletter to parents every week, "
               "and its next issue will explain the new ferry times.", *ARTICLE_EN[2:]]
    assert kept(clean(article)) == article


# The categories of teasers in a list, each on a line below its title.

def test_the_category_lines_of_a_teaser_list_go_with_its_titles() -> None:
    teasers = [
        "Harbour festival returns in June",
        "19.11.2021 in Community, Events",
        "New timetable for the island buses",
        "in Transport, Islands",
        "Lighthouse opens its doors to visitors",
        "in Community, History, Islands",
    ]
    result = clean([*ARTICLE_EN, *teasers])
    assert kept(result) == ARTICLE_EN
    assert "categories of a teaser" in reasons_for(result, "in Transport, Islands")[0][1]


def test_two_lines_starting_with_in_and_a_name_stay() -> None:
    page = [ARTICLE_EN[0], "in Portree, Skye", ARTICLE_EN[1], "in Oban, Argyll", *ARTICLE_EN[2:]]
    assert kept(clean(page)) == page


@pytest.mark.parametrize("link", ["weiterlesen 5 Minuten", "Read more – 4 min read",
                                  "Lire la suite 3 min"])
def test_a_read_more_link_with_its_reading_time_goes(link: str) -> None:
    article = ARTICLE_EN if link.startswith("Read") else ARTICLE_DE
    result = clean([*article[:2], link, *article[2:]])
    assert link not in kept(result)
    assert reasons_for(result, link)[0][0] == "scaffolding"


# A date line below the article's standfirst dates the article like one above it; a date
# line deeper in the article (a diary's entry) is the article's own.

def test_a_date_line_below_the_standfirst_goes_and_dates_the_page() -> None:
    title = "Plumber jailed after boiler fault"
    stamp = "17 April 2012 • 2:54pm"
    result = clean([title, ARTICLE_EN[0], stamp, *ARTICLE_EN[1:]])
    assert kept(result) == [title, *ARTICLE_EN]
    assert reasons_for(result, stamp)[0][0] == "date_header"
    assert result.metadata.date == "2012-04-17"
    entry = "18 April 2012"
    deeper = [*ARTICLE_EN[:3], entry, *ARTICLE_EN[3:], *ARTICLE_DE[:2]]
    assert kept(clean([title, *deeper])) == [title, *deeper]


def test_a_watch_video_button_goes_and_the_article_goes_on_after_it() -> None:
    for button, article in [("Ver Video", ARTICLE_EN), ("Video ansehen", ARTICLE_DE),
                            ("Watch video", ARTICLE_EN)]:
        result = clean([*article[:2], button, *article[2:]])
        assert kept(result) == article
        assert reasons_for(result, button)[0][0] == "scaffolding"


# The article's lead: below its standfirst and above its next paragraph, a byline, a menu and
# a share row are chrome as they would be above the article; a subheading there stays.

def test_a_byline_and_a_menu_below_the_standfirst_go_and_a_subheading_stays() -> None:
    title = "How to care for hydrangeas"
    chrome = ["By Sarah Yang", "Home", "Gardening", "Newsletter"]
    result = clean([title, ARTICLE_EN[0], *chrome, *ARTICLE_EN[1:]])
    assert kept(result) == [title, *ARTICLE_EN]
    assert reasons_for(result, "By Sarah Yang") == [
        ("scaffolding", "blogger chrome (en): 'By Sarah Yang' in the article's lead")]
    page = [title, ARTICLE_EN[0], "Home", *ARTICLE_EN[1:]]
    assert kept(clean(page)) == page


# A blog's sidebar below the post: a list of other blogs, each with its latest post's title and
# opening words and how long ago it came out, and a box of feed links. The list can hold more
# running text than the post; its time stamps set each entry apart.

BLOG_LIST = [
    "Food blogs",
    "Harbour Bites",
    "A weekend at the old mill hotel - The rooms look out over the river and the breakfast "
    "is served in the garden when the weather allows it, which it did for us...",
    "19 hours ago",
    "The Hungry Cyclist",
    "Ways to use mushrooms in your cooking - Mushrooms are a great addition to any dish, "
    "but they are at their best when they are fried in butter with a little garlic...",
    "3 years ago",
    "Can Be Bribed With Food",
    "Cold rice sounds better in Italian - Summer in Italy for me means a bowl of cold rice "
    "salad with tomatoes, olives and whatever else was left in the fridge that day...",
    "12 years ago",
    "Country Smoke",
    "We have moved to a new host - Hi there lovely readers, I have just had to move my site "
    "to a new host as I had outgrown the previous one, so bear with me for a while...",
    "12 years ago",
]
FEED_BOX = ["Subscribe To", "Posts", "Atom", "Posts", "Comments", "Atom", "Comments"]


def test_a_list_of_other_blogs_with_their_time_stamps_goes() -> None:
    result = clean([*ARTICLE_EN, "Blog Archive", *BLOG_LIST])
    assert kept(result) == ARTICLE_EN
    assert reasons_for(result, "3 years ago")[0][1].startswith("not article text")


def test_a_box_of_feed_links_goes_and_its_comments_label_opens_no_thread() -> None:
    result = clean([*ARTICLE_EN, "Followers", *FEED_BOX, *BLOG_LIST])
    assert kept(result) == ARTICLE_EN
    assert reasons_for(result, "Atom")[0][1] == "feed link in a box of feeds: 'Atom'"


def test_a_line_naming_a_feed_once_and_a_time_stamp_once_stay() -> None:
    page = [ARTICLE_EN[0], "Atom", *ARTICLE_EN[1:3], "3 years ago", ARTICLE_EN[3]]
    assert kept(clean(page)) == page


# A web form's prompts and messages: what to fill in, which fields are required, that the form
# was sent. They stand wherever the form does, the article going on around it.

@pytest.mark.parametrize("prompt", [
    "Please enter your valid email address.",
    "Please enter your username and password",
    "Bitte geben Sie hier Ihre E-Mail-Adresse ein",
    "Bitte gib deine Unternehmens E-Mail ein",
    "Bitte Unternehmens-E-Mail-Adresse eingeben",
    "Bitte gültige E-Mail-Adresse eingeben.",
    "Pflichtfeld: Bitte geben Sie eine gültige E-Mail Adresse ein.",
    "Vielen Dank! Ihr Kommentar wurde abgeschickt.",
    "Veuillez saisir votre adresse e-mail",
    "Por favor ingrese su nombre",
    "This field is required.",
])
def test_a_form_prompt_goes_and_the_article_goes_on_after_it(prompt: str) -> None:
    assert reason_inside(prompt).startswith("web forms chrome")


def test_a_request_that_names_no_form_field_stays() -> None:
    for line in [
        "Please enter the church quietly.",
        "Bitte geben Sie acht.",
        "Bitte Ruhe bewahren und eingeben.",
    ]:
        assert stays_inside(line)


def test_teasers_below_the_article_each_stamped_with_a_labelled_time_go() -> None:
    teasers = [
        "Coronavirus : So gut ist man auf die deutschen Rückkehrer vorbereitet",
        "Etwa 100 deutsche Reisende aus der Risikoregion Wuhan werden am Frankfurter Flughafen "
        "erwartet, derweil sorgt die Angst vor dem Coronavirus für …",
        "Veröffentlicht/Aktualisiert: vor 48 Minuten",
        "Markenanwalt übt Kritik : Greta Thunberg will Fridays for Future als Marke schützen",
        "Ist Fridays for Future eine Marke? Greta Thunberg sieht das offenbar so und die "
        "zuständige europäische Behörde auch, das deutsche Markenamt ist …",
        "Veröffentlicht/Aktualisiert: vor 44 Minuten",
        "Region im Umbruch : Solange es dampft, ist alles in Ordnung",
        "Schkopau in Sachsen-Anhalt hängt an der Kohle, und an der Kohle hängt die Chemie. Nun "
        "wächst die Angst vor einem Kahlschlag …",
        "Veröffentlicht/Aktualisiert: vor 1 Stunde",
    ]
    result = clean([*ARTICLE_DE, *teasers])
    # The first teaser follows the article's last paragraph with nothing between: it stays.
    assert kept(result)[: len(ARTICLE_DE)] == ARTICLE_DE
    assert not set(teasers[3:]) & set(kept(result))
    assert reasons_for(result, teasers[5])[0][1].startswith("not article text")


def test_teaser_cards_with_their_author_and_time_stamp_go() -> None:
    cards = [
        "Indagan polémico show: exvocalista cantó en colegio tras condena", "Diego Ramírez",
        "hace 21 minutos",
        "Temblor de 5.1 sacude la mañana en la zona central", "Guido Macari Marimón",
        "hace una hora",
    ]
    article = [
        "El concejo municipal aprobó el martes el proyecto del nuevo puerto después de un largo "
        "debate sobre los costos de la obra.",
        "Las obras comenzarán en primavera y los primeros barcos podrían atracar allí dentro de "
        "dos años, según informó el alcalde.",
    ]
    result = clean([*article, *cards])
    assert kept(result) == article
    assert reasons_for(result, "hace una hora")[0][1].startswith("not article text")


def test_a_live_blog_with_its_authors_and_stamps_stays_whole() -> None:
    entries = [
        "The council has confirmed that the ferry will not sail this afternoon because of the "
        "storm, and passengers are asked to check the website before travelling.",
        "Wind speeds of up to ninety kilometres an hour have been measured on the outer "
        "islands, where several trees have fallen onto the coastal road.",
        "Good morning and welcome to our live coverage of the storm.",
    ]
    page = ["Live: storm hits the coast"]
    for entry, stamp in zip(entries, ["12 minutes ago", "35 minutes ago", "2 hours ago"],
                            strict=True):
        page += [entry, "Anna Smith", stamp]
    assert set(entries) <= set(kept(clean(page)))


def test_a_live_blog_with_its_entries_stamped_stays_whole() -> None:
    entries = [
        "The council has confirmed that the ferry will not sail this afternoon because of the "
        "storm, and passengers are asked to check the website before travelling.",
        "Wind speeds of up to ninety kilometres an hour have been measured on the outer "
        "islands, where several trees have fallen onto the coastal road.",
        "Schools on the islands closed at noon, and the harbour master has asked all boat "
        "owners to secure their vessels before the wind picks up further in the afternoon, as "
        "the forecast predicts gusts of more than one hundred kilometres an hour.",
        "Good morning and welcome to our live coverage of the storm.",
    ]
    stamps = ["12 minutes ago", "35 minutes ago", "2 hours ago", "3 hours ago"]
    page = ["Live: storm hits the coast"]
    for stamp, entry in zip(stamps, entries, strict=True):
        page += [stamp, entry]
    assert set(entries) <= set(kept(clean(page)))


# A caption with its credit right after its last word, no stop between: the credit holds a
# slash or is capitalised words. After a full stop and a dash, the line is often the
# article's lead with its picture's credit, and stays.

@pytest.mark.parametrize("caption", [
    "Der Toast-Test zeigt, in der Mitte ist die Hitze am größten Foto: CHIP",
    "Alexander Zverev steht im Viertelfinale des ATP-Turniers Bild: AFP/SID/PASCAL GUYOT",
    "Joe Kaeser beantwortet Fragen von Journalisten Foto: Soeren Stache/dpa",
])
def test_a_caption_with_its_credit_after_the_last_word_goes(caption: str) -> None:
    result = clean([*ARTICLE_DE[:2], caption, *ARTICLE_DE[2:]])
    assert kept(result) == ARTICLE_DE
    assert reasons_for(result, caption)[0][0] == "photo_credit"


def test_a_sentence_about_a_photo_and_a_lead_with_its_credit_stay() -> None:
    lines = [
        "Das zeigt das Bild: ein Mann mit Hut",
        "Die Akademie hat ein Glossar erstellt, das fortlaufend erweitert wird. - Bild: PIRO4",
    ]
    for line in lines:
        page = [ARTICLE_DE[0], line, *ARTICLE_DE[1:]]
        assert kept(clean(page)) == page


def test_related_stories_below_a_spanish_article_go_with_their_heading() -> None:
    article = [
        "El Congreso aprobó el martes una reforma que permitirá a los municipios construir "
        "nuevas viviendas sociales en terrenos del Estado durante los próximos años.",
        "La medida fue aprobada con el voto de la mayoría de los diputados y entrará en vigor "
        "a partir del mes de julio, según informó el presidente de la cámara.",
    ]
    related = ["Relacionadas:",
               "Tony Hernández fue condenado a la misma cantidad de años que 'El Chapo' Guzmán",
               "Entre uno y 18 meses esperaron extraditados para juicio en Estados Unidos"]
    result = clean([*article, *related])
    assert kept(result) == article
    assert reasons_for(result, "Relacionadas:")[0][1].startswith("news and magazine chrome (es)")


def test_a_byline_with_a_date_under_the_headline_goes_and_dates_the_page() -> None:
    headline = "Harbour plans approved after a long night"
    byline = "Von Anja Schmoll-Trautmann am 14. Mai 2014, 15:40 Uhr"
    result = clean([headline, byline, *ARTICLE_EN])
    assert kept(result) == [headline, *ARTICLE_EN]
    assert result.metadata.date == "2014-05-14"
    assert reasons_for(result, byline)[0][0] == "date_header"


@pytest.mark.parametrize("prompt", [
    "For the latest stories and breaking news updates download the Nationnews apps for iOS "
    "and Android.",
    "Get the new ABC7 Bay Area mobile app today!",
    "Stay updated and download the 5NEWS app today!",
    "Jetzt die kostenlose WELT-App herunterladen",
    "Téléchargez l’application Le Monde",
    "DESCARGA LA APP EL TIEMPO",
])
def test_a_prompt_to_install_the_site_s_app_goes_wherever_it_stands(prompt: str) -> None:
    assert reason_inside(prompt).startswith("app prompts chrome")


def test_a_sentence_about_downloading_an_app_stays() -> None:
    sentence = "Download the app to see how it works, the harbour master told the council."
    assert stays_inside(sentence)


def test_a_long_copyright_notice_at_the_foot_weighs_nothing_against_the_article() -> None:
    notice = (
        "Copyright © 1997 - 2022, Harbour Publishing Co. Limited • P.O. Box 1203, Fontabelle, "
        "St. Michael, Barbados, West Indies • All Rights Reserved No unauthorized use is "
        "permitted of content produced by harbournews.com, The Harbour Newspaper or any other "
        "publication or media owned by Harbour Publishing Co. Limited. Unauthorized use includes "
        "framing and direct posting of content on websites other than www.harbournews.com."
    )
    teasers = ["More news", "Ferry timetable changes", "Council elections",
               "New bakery opens", "Weather warning"]
    result = clean([*ARTICLE_EN, *teasers, notice])
    assert kept(result) == ARTICLE_EN
    assert reasons_for(result, notice)[0][1].startswith("chrome line about copyright notices")


def test_paragraphs_closed_by_a_german_or_french_quote_are_running_text() -> None:
    # A guest review of a holiday home, set between its ratings and the distances more than a
    # cluster's reach from the text around: a review in quotes as German (»...«, „...“) or
    # French (« ... ») prints them is running text, and holds the sections together.
    ratings = ["Gesamteindruck", "4,8 von 5,0", "Ausstattung", "5,0 von 5,0", "Sauberkeit",
               "5,0 von 5,0", "Lage", "4,8 von 5,0", "Preis/Leistung", "4,7 von 5,0",
               "Bewertung von Gast vom 15.08.2011"]
    distances = ["Entfernung", "Autobahn:", "6.0 km", "Supermarkt:", "7.0 km", "Skilift:",
                 "14.0 km", "Bahnhof:", "30.0 km", "Flughafen:", "90.0 km"]
    for review in [
        "» Schönes, gepflegtes Ferienhaus mit traumhafter Aussicht von der Terrasse. Erholung "
        "pur. Vielen Dank, Frau Feinen. Gerne wieder. «",
        "„Hilfreiche, freundliche Vermieter. Kinderfreundliche Ausstattung, großer Garten, "
        "ruhige Lage. Sehr empfehlenswert.“",
        "« Maison très bien équipée, grand jardin, propriétaires très gentils. Excellent "
        "séjour. »",
    ]:
        result = clean([*ARTICLE_DE, *ratings, review, *distances, *ARTICLE_DE[:3]])
        assert review in kept(result)


TEASERS_BELOW = [
    "Mehr aus der Region", "Inhalt teilen", "URL zum Kopieren", "Bergisch Gladbach",
    "Wirtschaft: Das sind die größten Unternehmen in Rhein-Berg",
    "Diese Firmen haben die meisten Mitarbeiter.",
    "Inhalt teilen", "URL zum Kopieren", "Bergisch Gladbach",
    "Beim Linksabbiegen übersehen: Mann bei Unfall in Heidkamp schwer verletzt",
    "Inhalt teilen", "URL zum Kopieren", "Impressum", "Datenschutz",
]


def test_a_teaser_s_one_sentence_summary_far_below_the_article_goes() -> None:
    result = clean([*ARTICLE_DE, *[f"Rubrik {number}" for number in range(8)], *TEASERS_BELOW])
    assert kept(result) == ARTICLE_DE
    assert reasons_for(result, "Diese Firmen haben die meisten Mitarbeiter.")[0][1].startswith(
        "not article text"
    )


def test_sentences_next_to_each_other_far_below_the_article_stay() -> None:
    # The last words of a page, two sentences together: text, not a teaser's summary.
    closing = ["Die Redaktion wünscht allen Lesern frohe Feiertage.",
               "Wir melden uns im neuen Jahr zurück."]
    page = [*ARTICLE_DE, *[f"Rubrik {number}" for number in range(8)], *closing, "Impressum"]
    assert closing == kept(clean(page))[-2:]


def test_a_box_s_teasers_stamped_with_their_dates_go_inside_the_article() -> None:
    box = ["Lesen Sie auch",
           "Neue Fähre zu den Inseln fährt ab Mai Dienstag, 10. November 2015 | 09:37"]
    result = clean([*ARTICLE_DE[:2], *box, *ARTICLE_DE[2:]])
    assert kept(result) == ARTICLE_DE
    assert reasons_for(result, box[1])[0] == (
        "scaffolding", "teaser below 'Lesen Sie auch': a title and its date"
    )
    # A sentence below the box ends with a stop, not a date; a dated line elsewhere stays.
    sentence = "Die Fähre fährt ab Mai, so die Reederei am Dienstag, 10. November 2015."
    dated = "Neue Fähre zu den Inseln fährt ab Mai Dienstag, 10. November 2015"
    page = [*ARTICLE_DE[:2], box[0], sentence, *ARTICLE_DE[2:]]
    assert kept(clean(page)) == [line for line in page if line != box[0]]
    assert stays_inside(dated, ARTICLE_DE)


@pytest.mark.parametrize("line", ["Skip to the content", "Skip to primary sidebar",
                                  "Skip to footer", "skip to Main Content"])
def test_skip_links_of_any_wording_go(line: str) -> None:
    assert kept(clean([line, *ARTICLE_EN])) == ARTICLE_EN
    assert kept(clean([f"{line} of the report, the mayor said.", *ARTICLE_EN]))[0].startswith(
        line
    )


def test_a_sentence_the_page_cuts_off_below_a_box_stays() -> None:
    box = ["Lesen Sie auch", "Neue Fähre zu den Inseln fährt ab Mai"]
    cut = "Die Kosten von rund vier Millionen Euro teilen sich die Gemeinde und das"
    assert kept(clean([*ARTICLE_DE[:3], *box, cut])) == [*ARTICLE_DE[:3], cut]
    # A box's last title at the page's end stops on a noun: it goes with the box.
    title = "Hafen wegen Sturm am Montag den ganzen Tag geschlossen"
    assert kept(clean([*ARTICLE_DE[:3], *box, title])) == ARTICLE_DE[:3]


def test_lines_above_the_article_counted_half_need_twice_a_sentence_s_text() -> None:
    # A login prompt cut off with "..." and a long menu item without a stop: running words,
    # each counted half, but no prose of a lead.
    head = ["Du loggst Dich zum ersten Mal ein? So gehts...",
            "Kommission für die Belange von Menschen mit Behinderungen",
            "Prävention", "Login", "Home", "Tarifpolitik"]
    assert kept(clean([*head, *ARTICLE_DE])) == ARTICLE_DE
    # A standfirst cut off with "..." is prose: with it, the same lines are a lead.
    standfirst = ("Die Anwohner freuen sich über das Ende einer langen Debatte über die Kosten "
                  "der neuen Brücke, die im...")
    assert kept(clean([standfirst, *head[1:], *ARTICLE_DE]))[:2] == [standfirst, head[1]]


@pytest.mark.parametrize(
    ("line", "article"),
    [
        ("Ich bin damit einverstanden, personalisierte E-Mails von der Zeitung zu exklusiven "
         "Angeboten zu erhalten. Die Einwilligung kann jederzeit widerrufen werden.", ARTICLE_DE),
        ("Ja, ich möchte regelmäßig per E-Mail über Angebote informiert werden.", ARTICLE_DE),
        ("Yes, I would like to receive emails with news and offers from the Gazette.",
         ARTICLE_EN),
        ("J'accepte de recevoir la lettre d'information du journal.", ARTICLE_EN),
    ],
)
def test_a_signup_form_s_consent_box_goes(line: str, article: list[str]) -> None:
    assert kept(clean(inside(line, article))) == article
    assert reasons_for(clean([line, *article]), line)[0][1].startswith(
        "chrome line about consent to promotional mail"
    )


def test_a_quote_that_agrees_to_something_else_stays() -> None:
    assert stays_inside("Ich bin damit einverstanden, dass die Stadt die Brücke neu baut, sagte "
                        "eine Anwohnerin.", ARTICLE_DE)


def test_a_form_s_thanks_goes_beside_its_fields() -> None:
    form = ["Vielen Dank!", "Bitte gib deine Unternehmens E-Mail ein"]
    result = clean([*form, *ARTICLE_DE])
    assert kept(result) == ARTICLE_DE
    assert reasons_for(result, "Vielen Dank!")[0][1].startswith("a form's thanks")
    # A thanks that closes a letter, with no form beside it, stays.
    letter = [*ARTICLE_EN, "Thank you!"]
    assert kept(clean(letter)) == letter


def test_the_site_s_name_above_the_article_goes_when_the_host_spells_it() -> None:
    title = "Neue Brücke über den Fluss beschlossen - Hafen BOTE"
    page = "\n\n".join([title, "Hafen BOTE", *ARTICLE_DE]) + "\n"
    result = dechaff.clean(dechaff.Document("1", page, url="https://www.hafenbote.de/a/1"))
    assert "\nHafen BOTE\n" not in result.text
    assert reasons_for(result, "Hafen BOTE")[0][1].startswith("the site's name")
    # Without an address, or on a site whose host does not spell it, the line is the page's
    # own: the title's last part may name its subject ("... - Camera - I-64 @ Exit 12").
    assert "\nHafen BOTE\n" in dechaff.clean(page).text
    other = dechaff.clean(dechaff.Document("1", page, url="https://traffic.example.gov/1"))
    assert "\nHafen BOTE\n" in other.text


def test_a_sentence_that_wants_news_is_no_consent_box() -> None:
    assert stays_inside("I would like to receive more information about the plans, the mayor "
                        "told the council.")


def test_the_fields_of_a_cookie_declaration_go() -> None:
    declaration = [
        "Name: _ga", "Anbieter: Google", "Zweck: Sammelt Informationen über die Benutzer und ihre "
        "Aktivitäten auf der Website zu Analyse- und Berichtszwecken.", "Fristablauf: 2 Jahre",
        "Name: _gid", "Anbieter: Google", "Zweck: Unterscheidet die Benutzer.",
        "Fristablauf: ein Tag",
    ]
    result = clean([*ARTICLE_DE, *declaration])
    assert kept(result) == ARTICLE_DE
    assert reasons_for(result, "Fristablauf: 2 Jahre")[0][1].startswith(
        "field of a cookie declaration"
    )
    # A loan's term and purpose in an article, with no cookie's expiry listed twice, stay.
    terms = ["Zweck: Der Kredit dient dem Kauf eines neuen Autos für die Familie.",
             "Laufzeit: Je länger der Vertrag läuft, desto mehr Zinsen zahlen Sie insgesamt."]
    page = [*ARTICLE_DE[:2], *terms, *ARTICLE_DE[2:]]
    assert kept(clean(page)) == page
