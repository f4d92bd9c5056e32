"""The paths through the rules that a sample archive must show (issue 2).

Each :class:`Path` says what happens (a story maker), its name in Chinese,
and the finding codes a correct checker reports for it with ``check --as-of
<as-of> --stage ongoing``, with the reason in one line. Person k of an
archive follows path ``k mod 16``, so any 16 consecutive people show every
path; the committed ``sample_archive/`` holds exactly one person per path.

A code is expected where the file fails the rule's check (DOMAIN.md §2a,
"Check" column): a breach by the person that the office handled as the
rules ask (告诫, report to the police) leaves no finding. Everything in a
file besides its path's defect is clean.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from archive.sample.story import Ending, Story
from forms.choices import LateReason, Measure, SuspensionReason
from validators.calendar import add_months

DAY = dt.timedelta(days=1)

StoryMaker = Callable[[Story, random.Random], None]


@dataclass(frozen=True)
class Path:
    key: str
    label: str
    measure: Measure
    codes: tuple[str, ...]
    why: str
    shape: StoryMaker
    months_in: tuple[int, int]
    """Range of months between the report date and the as-of date."""


def _months_before(as_of: dt.date, months: int, rng: random.Random) -> dt.date:
    return add_months(as_of, -months) - dt.timedelta(days=rng.randrange(0, 20))


def _released(story: Story, rng: random.Random) -> None:
    story.ending = Ending.released


def _nothing(story: Story, rng: random.Random) -> None:
    return None


def _late_reason(story: Story, rng: random.Random) -> None:
    story.served_date = story.report_date - DAY * rng.randrange(20, 26)
    story.issue_date = story.served_date - DAY
    story.late_reason = rng.choice(list(LateReason))


def _late_no_reason(story: Story, rng: random.Random) -> None:
    story.served_date = story.report_date - DAY * rng.randrange(24, 30)
    story.issue_date = story.served_date - DAY
    story.late_without_reason = True


def _refused(story: Story, rng: random.Random) -> None:
    story.refusals = [rng.randrange(6, 10)]


def _positive(story: Story, rng: random.Random) -> None:
    story.positives = [rng.randrange(5, 10)]


def _leave(story: Story, rng: random.Random) -> None:
    story.leave_departure = add_months(story.report_date, 7) + DAY * 10


def _absence(story: Story, rng: random.Random) -> None:
    story.absence_start = add_months(story.report_date, 5) + DAY * 8
    story.absence_days = rng.randrange(5, 9)


def _transfer(story: Story, rng: random.Random) -> None:
    story.ending = Ending.transferred
    story.transfer_application = add_months(story.report_date, 16) + DAY * 5


def _suspension(story: Story, rng: random.Random) -> None:
    story.ending = Ending.released
    start = add_months(story.report_date, 14) + DAY * 3
    days = rng.randrange(10, 16)
    story.suspension = (start, start + DAY * (days - 1), _ADMIN)


def _termination(story: Story, rng: random.Random) -> None:
    story.ending = Ending.terminated
    start = add_months(story.report_date, 15) + DAY * 3
    story.termination_date = start + DAY * rng.randrange(60, 90)
    story.suspension = (start, story.termination_date - DAY, _CRIMINAL)


def _serious(story: Story, rng: random.Random) -> None:
    story.refusals = [9, 10, 11]


def _missing(story: Story, rng: random.Random) -> None:
    story.missing = frozenset({"agreement", "plan"})


def _out_of_sequence(story: Story, rng: random.Random) -> None:
    story.agreement_before_report = True
    story.issue_date = story.served_date + DAY
    story.leave_departure = add_months(story.report_date, 4) + DAY * 12
    story.leave_approved_after_departure = True


_ADMIN = SuspensionReason.administrative_detention
_CRIMINAL = SuspensionReason.criminal_detention
SJ = Measure.community_treatment
SK = Measure.community_rehab

PATHS: tuple[Path, ...] = (
    Path(
        "released_sj",
        "社区戒毒三年期满解除",
        SJ,
        (),
        "全部文书齐全、各周期均有记录，期满次日解除并在7日内通知街道",
        _released,
        (40, 46),
    ),
    Path(
        "released_sk",
        "社区康复三年期满解除",
        SK,
        (),
        "社区康复按6×2、4×3、2×6个月检测，谈话每两个月一次，期满解除",
        _released,
        (40, 46),
    ),
    Path(
        "ongoing_early",
        "社区戒毒执行中（约3个月）",
        SJ,
        (),
        "已开始的周期均有记录；未届满的季度不要求评价",
        _nothing,
        (3, 4),
    ),
    Path(
        "ongoing_mid",
        "社区戒毒执行中（约18个月）",
        SJ,
        (),
        "第二年按两个月一次检测，记录齐全",
        _nothing,
        (18, 19),
    ),
    Path(
        "late_reason",
        "逾期报到有正当理由",
        SJ,
        (),
        "送达后第20至25日报到，有逾期报到告知书，理由属规范认可的正当理由并附证明",
        _late_reason,
        (9, 11),
    ),
    Path(
        "late_no_reason",
        "逾期报到无正当理由",
        SJ,
        ("REPORT_WITHIN_15_DAYS",),
        "超过15日报到且无正当理由，无告知书，属逾期；已于送达后第17日报告派出所，故无LATE_NO_REASON_TO_POLICE",
        _late_no_reason,
        (8, 10),
    ),
    Path(
        "refused_test",
        "拒绝检测后告诫",
        SJ,
        (),
        "一次拒绝检测，次日告诫（WARNING_TRIGGERS已满足），同一周期内补检阴性；不足3次",
        _refused,
        (19, 21),
    ),
    Path(
        "positive_test",
        "检测结果阳性",
        SJ,
        (),
        "检测阳性（复吸），次日报告派出所（事由：relapse），SEVERE_TO_POLICE已满足；阳性检测计入该周期",
        _positive,
        (13, 15),
    ),
    Path(
        "approved_leave",
        "经批准请假外出",
        SJ,
        (),
        "外出5日（≥3日）：提前3日申请，出发前1日批准并发准假通知书，返回当日销假",
        _leave,
        (11, 13),
    ),
    Path(
        "unauthorised_absence",
        "擅自离开所在区",
        SJ,
        (),
        "未经批准离开5至8日，有擅自离开记录，返回次日告诫；仅1次且未超过30日，不构成严重违反",
        _absence,
        (14, 16),
    ),
    Path(
        "transfer_out",
        "变更执行地点（迁出）",
        SJ,
        (),
        "申请后第10日（≤15个工作日）批准，第12日发函，新执行地于发函后5日报到并签订新协议；本卷至发函日止，无解除通知书",
        _transfer,
        (21, 23),
    ),
    Path(
        "suspension",
        "被行政拘留中止后恢复执行",
        SJ,
        (),
        "行政拘留10至15日（含首尾），羁押期间无检测、谈话记录；期满日顺延拘留天数，按顺延后的期满日解除",
        _suspension,
        (44, 47),
    ),
    Path(
        "termination",
        "被判处刑罚终止",
        SJ,
        (),
        "刑事拘留至判决收监执行期间中止，其后终止；有终止记录，无解除通知书",
        _termination,
        (25, 27),
    ),
    Path(
        "serious_breach",
        "严重违反协议报告公安机关",
        SJ,
        (),
        "第9、10、11个检测周期各拒绝检测一次，各有告诫书，第3次告诫次日报告派出所（事由：serious_breach）",
        _serious,
        (15, 17),
    ),
    Path(
        "missing_documents",
        "缺少协议书和计划",
        SJ,
        ("DOC_MISSING",),
        "卷内无协议书（#3）和计划（#4），其余文书齐全",
        _missing,
        (7, 9),
    ),
    Path(
        "out_of_sequence",
        "文书日期顺序错误",
        SJ,
        ("AGREEMENT_AFTER_REPORT", "LEAVE_3_DAYS", "SEQUENCE"),
        "协议书签订早于报到2日；请假在出发次日才批准、发准假通知书；决定书送达日期早于决定日期1日",
        _out_of_sequence,
        (10, 12),
    ),
)


def make_story(
    path: Path, slug: str, number: int, as_of: dt.date, rng: random.Random
) -> Story:
    """The story of person ``number`` following ``path``, as of ``as_of``."""
    months = rng.randrange(path.months_in[0], path.months_in[1] + 1)
    report = _months_before(as_of, months, rng)
    served = report - DAY * rng.randrange(1, 12)
    story = Story(
        slug=slug,
        number=number,
        measure=path.measure,
        issue_date=served - DAY * rng.randrange(0, 3),
        served_date=served,
        report_date=report,
        as_of=as_of,
    )
    path.shape(story, rng)
    return story
