"""looks_like_english: English news passes, other languages and scripts do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.io.language import (
    ENGLISH_FUNCTION_WORDS,
    function_word_share,
    latin_share,
    looks_like_english,
)

ENGLISH_FILES = [
    "japan-centers.txt",
    "04-usaid-sumatra-earthquake-emergency-aid-2009.txt",
    "06-us-state-venezuela-visa-restrictions-2015.txt",
    "08-un-sg-syria-cessation-of-hostilities-2016.txt",
    "09-un-security-council-london-attacks-2005.txt",
]

FOREIGN = {
    "russian": (
        "Премьер-министр России Михаил Мишустин подписал распоряжение о прекращении действия "
        "соглашений с Японией о работе японских центров. В Токио назвали это решение "
        "неприемлемым и пообещали принять ответные меры. Эксперты отметили, что речь не идет "
        "о закрытии центров."
    ),
    "japanese": (
        "林官房長官は月曜日の記者会見で、ロシア政府が日本センターに関する協定の適用を停止したこと"
        "について、受け入れられないと述べ、適切に対応する考えを示しました。政府は引き続き情報収集を"
        "進めるとしています。"
    ),
    "chinese": (
        "外交部发言人在例行记者会上表示，中方坚决反对日方在钓鱼岛问题上的错误言行，敦促日方停止"
        "一切挑衅行为，以实际行动维护两国关系的大局。中方将继续采取必要措施，坚定维护国家主权。"
    ),
    "arabic": (
        "أدان مجلس الأمن الدولي بشدة الهجمات الإرهابية التي وقعت في لندن اليوم، وأعرب عن تعازيه "
        "العميقة لضحايا هذه الأعمال الإجرامية وأسرهم ولحكومة المملكة المتحدة وشعبها، وحث جميع "
        "الدول على التعاون لتقديم المسؤولين إلى العدالة."
    ),
    "greek": (
        "Ο υπουργός Εξωτερικών δήλωσε ότι η κυβέρνηση καταδικάζει την επίθεση και ζήτησε από "
        "όλα τα μέρη να σεβαστούν την κατάπαυση του πυρός και να επιστρέψουν στις διαπραγματεύσεις."
    ),
    "french": (
        "Le ministre des Affaires étrangères a convoqué l'ambassadeur de Chine pour protester "
        "contre l'intrusion de navires des garde-côtes chinois dans les eaux territoriales "
        "japonaises. Le gouvernement a demandé le retrait immédiat des navires et a promis une "
        "réponse ferme."
    ),
    "german": (
        "Der russische Ministerpräsident hat eine Verordnung unterzeichnet, mit der die Abkommen "
        "über die Arbeit der japanischen Zentren ausgesetzt werden. Die Regierung in Tokio "
        "bezeichnete die Entscheidung als inakzeptabel und kündigte eine angemessene Reaktion "
        "an, während Experten betonten, dass die Zentren nicht geschlossen würden."
    ),
    "spanish": (
        "El Gobierno de Estados Unidos anunció nuevas restricciones de visado contra "
        "funcionarios venezolanos acusados de violaciones de los derechos humanos y de "
        "corrupción. El portavoz del Departamento de Estado pidió al Gobierno de Venezuela que "
        "libere a los presos políticos y respete el Estado de derecho."
    ),
    "italian": (
        "Il Consiglio di sicurezza delle Nazioni Unite ha condannato con la massima fermezza gli "
        "attentati terroristici avvenuti oggi a Londra e ha espresso la sua profonda solidarietà "
        "alle vittime e alle loro famiglie, al popolo e al governo del Regno Unito."
    ),
    "portuguese": (
        "O secretário-geral das Nações Unidas saudou o acordo anunciado hoje pelos Estados Unidos "
        "e pela Rússia sobre a cessação das hostilidades na Síria e pediu a todas as partes que "
        "respeitem os seus termos e permitam o acesso humanitário."
    ),
    "dutch": (
        "De Veiligheidsraad van de Verenigde Naties heeft de terroristische aanslagen in Londen "
        "van vandaag krachtig veroordeeld en zijn diepe medeleven betuigd aan de slachtoffers en "
        "hun families, en aan de regering en het volk van het Verenigd Koninkrijk."
    ),
}

ENGLISH_WITH_FOREIGN_NAMES = (
    "Last week, Russian Prime Minister Mikhail Mishustin (Михаил Мишустин) signed an order "
    "suspending the agreements. On Monday, Japanese Chief Cabinet Secretary Yoshimasa Hayashi "
    "(林芳正) declared the action unacceptable, and the ministry in Moscow (Москва) said that "
    "the Japan Centers in Nizhny Novgorod and Khabarovsk would stay open. Señor José Peña of "
    "the Bundesministerium für Wirtschaft was also quoted."
)


@pytest.mark.parametrize("name", ENGLISH_FILES)
def test_english_news_files_pass(data_dir: Path, name: str) -> None:
    text = (data_dir / name).read_text(encoding="utf-8")
    assert looks_like_english(text)


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_foreign_paragraphs_fail(language: str) -> None:
    assert not looks_like_english(FOREIGN[language])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(ENGLISH_WITH_FOREIGN_NAMES, True, id="english-with-foreign-names"),
        pytest.param("Putin signs decree on Japan Centers", True, id="short-english-headline"),
        pytest.param("Le ministre a convoqué l'ambassadeur", True, id="short-latin-benefit"),
        pytest.param("Berlin, 22. August 2017", True, id="short-dateline"),
        pytest.param("Путин подписал указ о японских центрах", False, id="short-cyrillic"),
        pytest.param("日本センターの閉鎖", False, id="short-japanese"),
        pytest.param("وزير الخارجية", False, id="short-arabic"),
        pytest.param("", True, id="empty"),
        pytest.param("2024-07-02 12:00 -- 42", True, id="no-letters"),
        pytest.param("THE MINISTER SAID THAT THE TALKS WOULD GO ON " * 5, True, id="upper-case"),
        pytest.param(
            FOREIGN["german"] * 50 + ENGLISH_WITH_FOREIGN_NAMES,
            False,
            id="long-german-english-tail",
        ),
        pytest.param(
            ENGLISH_WITH_FOREIGN_NAMES * 2 + FOREIGN["french"], True, id="english-with-french-quote"
        ),
    ],
)
def test_edge_cases(text: str, expected: bool) -> None:
    assert looks_like_english(text) is expected


def test_long_text_is_sampled(data_dir: Path) -> None:
    english = (data_dir / "japan-centers.txt").read_text(encoding="utf-8")
    assert looks_like_english(english * 500)
    assert not looks_like_english(FOREIGN["russian"] * 2000)


@pytest.mark.parametrize(
    ("text", "share"),
    [("abc", 1.0), ("абв", 0.0), ("ab вг", 0.5), ("123 !", 1.0), ("Ångström ñ", 1.0)],
)
def test_latin_share(text: str, share: float) -> None:
    assert latin_share(text) == pytest.approx(share)


@pytest.mark.parametrize(
    ("text", "share"), [("the cat of the house", 0.6), ("Katze Haus", 0.0), ("", 0.0)]
)
def test_function_word_share(text: str, share: float) -> None:
    assert function_word_share(text) == pytest.approx(share)


def test_function_words_are_lower_case_and_about_150() -> None:
    assert all(word == word.lower() for word in ENGLISH_FUNCTION_WORDS)
    assert 120 <= len(ENGLISH_FUNCTION_WORDS) <= 200
