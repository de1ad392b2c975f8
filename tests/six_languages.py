"""The project with the three official languages of the United Nations it does not publish (Arabic, Chinese,
Russian) added, each with a few real sentences of the summary translated: a draft in each script, for the tests
of right-to-left pages, shaping, line breaking, search, the language of English passages and drafts.

The sentences are fixture translations made for the tests, not the publication's: they live here, in tests/,
and reach only a temporary copy of the project.
"""

from __future__ import annotations

from pathlib import Path

from tools.catalogues import load
from tools.po_writer import canonical_text
from tools.site_build import Project

from helpers import copy_project, run_tools

ADDED = ("ar", "zh_CN", "ru")
DRAFT = "This translation is incomplete: %(percent)s of it is translated, and the rest is shown in English."
TITLE = "Virtual Dialogue: Training for Gender Equality and Beijing +20"
QUESTION = "What are the foundations of training for gender equality in the Beijing PFA?"
# Long enough to break across lines in every script.
AREAS = (
    "In each of the 12 critical areas of action, training activities are always embedded in a broader programme of "
    "gender equality activities and programmes and never seen in isolation"
)
TECHNOLOGY = (
    "Technological changes have had a substantive impact on training for gender equality through the development of "
    "online training tools and methodologies. This means that we have new tools to achieve the goals set out in the PFA"
)
# A message each fixture leaves untranslated: its paragraph is shown in English, and says so.
UNTRANSLATED = "Questions for further discussion"

TRANSLATIONS: dict[str, dict[str, dict[str, str]]] = {
    "ar": {
        "index": {
            TITLE: "حوار افتراضي: التدريب من أجل المساواة بين الجنسين وبيجين +20",
            "13th – 31st October 2014": "١٣ – ٣١ أكتوبر ٢٠١٤",
            "Summary": "ملخص",
            "Background": "خلفية",
            QUESTION: "ما هي أسس التدريب من أجل المساواة بين الجنسين في منهاج عمل بيجين؟",
            "**Key points:**": "**النقاط الرئيسية:**",
            AREAS: (
                "في كل مجال من مجالات العمل الحاسمة الـ١٢، تندرج أنشطة التدريب دائماً في برنامج أوسع من أنشطة "
                "وبرامج المساواة بين الجنسين، ولا يُنظر إليها أبداً بمعزل عنها"
            ),
            "What should be the priorities for training in the +20 agenda and beyond?": (
                "ما الذي ينبغي أن تكون عليه أولويات التدريب في خطة +20 وما بعدها؟"
            ),
        },
        "sphinx": {
            "Download PDF": "تنزيل ملف PDF",
            DRAFT: "هذه الترجمة غير مكتملة: تُرجم %(percent)s منها، ويُعرض الباقي باللغة الإنكليزية.",
        },
    },
    "zh_CN": {
        "index": {
            TITLE: "虚拟对话：促进性别平等培训与北京+20",
            "13th – 31st October 2014": "2014年10月13日至31日",
            "Summary": "总结",
            "Background": "背景",
            QUESTION: "北京《行动纲要》中促进性别平等培训的基础是什么？",
            "**Key points:**": "**要点：**",
            AREAS: "在12个关键行动领域中，培训活动始终嵌入更广泛的性别平等活动和方案之中，从不被孤立看待",
            TECHNOLOGY: (
                "技术变革通过开发在线培训工具和方法，对促进性别平等的培训产生了实质性影响。这意味着我们拥有了实现"
                "《行动纲要》所定目标的新工具"
            ),
            "What should be the priorities for training in the +20 agenda and beyond?": (
                "在+20议程及以后，培训的优先事项应该是什么？"
            ),
        },
        "sphinx": {
            "Download PDF": "下载 PDF",
            DRAFT: "此译文尚未完成：已翻译 %(percent)s，其余部分以英文显示。",
        },
    },
    "ru": {
        "index": {
            TITLE: "Виртуальный диалог: обучение в интересах гендерного равенства и Пекин +20",
            "13th – 31st October 2014": "13–31 октября 2014 года",
            "Summary": "Резюме",
            "Background": "Предыстория",
            QUESTION: "Каковы основы обучения в интересах гендерного равенства в Пекинской платформе действий?",
            "**Key points:**": "**Основные положения:**",
            AREAS: (
                "В каждой из 12 важнейших областей действий учебные мероприятия всегда являются частью более широкой "
                "программы мероприятий и программ в области гендерного равенства и никогда не рассматриваются "
                "изолированно"
            ),
            "What should be the priorities for training in the +20 agenda and beyond?": (
                "Какими должны быть приоритеты обучения в повестке дня +20 и в дальнейшем?"
            ),
        },
        "sphinx": {
            "Download PDF": "Скачать PDF",
            DRAFT: "Этот перевод не завершён: переведено %(percent)s, остальное показано на английском языке.",
        },
    },
}


def translate(path: Path, translations: dict[str, str]) -> None:
    catalogue = load(path)
    found = set()
    for entry in catalogue:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            found.add(entry.msgid)
    missing = set(translations) - found
    assert not missing, f"{path}: no such message: {sorted(missing)}"
    path.write_text(canonical_text(catalogue), "utf-8")


def copy_with_six_languages(destination: Path) -> Project:
    """The project with ar, zh_CN and ru added by ``add-language`` and their fixture sentences filled in."""
    project = copy_project(destination)
    for language in ADDED:
        done = run_tools("add-language", language, root=project.root)
        assert done.returncode == 0, done.stderr
        for domain, translations in TRANSLATIONS[language].items():
            translate(project.locale / language / "LC_MESSAGES" / f"{domain}.po", translations)
    return project
