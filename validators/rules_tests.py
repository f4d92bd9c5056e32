"""Drug tests: frequency, spot checks, two testers (规范; 吸毒检测程序规定 §8).

- TEST_FREQ_SJ / TEST_FREQ_SK: every test window of the schedule that has
  closed (ended before the as-of date, or the whole term at the release stage)
  holds at least one test with a result. A missed test does not fill a window;
  a spot test does (TEST_SPOT_CHECKS of DOMAIN.md: random tests count toward
  the quota).
- TEST_SPOT_CHECKS: an ad-hoc (random) test notice is followed within
  ``spot_test_days`` by a test row, done or recorded as missed.
- TEST_TWO_STAFF: each test with a result names at least ``min_testers``
  testers.
"""

from __future__ import annotations

import datetime as dt

from forms import DocumentKind, Measure
from forms.choices import TestResult
from validators.context import Context, unmatched
from validators.registry import rule
from validators.schedule import Activity, zh_date


def _done_dates(ctx: Context) -> list[dt.date]:
    return [
        t.date
        for t in ctx.case.tests
        if t.date is not None and t.result in (TestResult.negative, TestResult.positive)
    ]


def _frequency(ctx: Context, code: str, measure: Measure) -> None:
    if ctx.measure is not measure:
        return
    windows = ctx.closed_windows(Activity.test)
    for w in unmatched(windows, _done_dates(ctx)):
        ctx.add(
            code,
            f"{w.label_zh()}无检测记录",
            f"no test in {w.label_en()}",
            kind=DocumentKind.test_log,
            date=w.end,
        )


@rule("TEST_FREQ_SJ")
def test_freq_sj(ctx: Context) -> None:
    _frequency(ctx, "TEST_FREQ_SJ", Measure.community_treatment)


@rule("TEST_FREQ_SK")
def test_freq_sk(ctx: Context) -> None:
    _frequency(ctx, "TEST_FREQ_SK", Measure.community_rehab)


@rule("TEST_SPOT_CHECKS")
def test_spot_checks(ctx: Context) -> None:
    days = ctx.policy.spot_test_days
    rows = sorted(t.date for t in ctx.case.tests if t.date is not None)
    for notice in ctx.case.test_notices:
        issued = notice.issue_date
        if not notice.ad_hoc or issued is None:
            continue
        last = issued + dt.timedelta(days=days)
        if ctx.as_of <= last:
            continue
        if any(issued <= d <= last for d in rows):
            continue
        ctx.add(
            "TEST_SPOT_CHECKS",
            f"{zh_date(issued)}的临时检测通知应在{days}日内（{zh_date(last)}前）"
            "有检测记录，实际没有",
            f"ad-hoc test notice of {issued}: a test row due by {last}; none found",
            kind=DocumentKind.test_notice,
            document=notice,
            date=issued,
        )


@rule("TEST_TWO_STAFF")
def test_two_staff(ctx: Context) -> None:
    need = ctx.policy.min_testers
    for k, t in enumerate(ctx.case.tests, start=1):
        if t.result not in (TestResult.negative, TestResult.positive):
            continue
        if len(t.testers) >= need:
            continue
        when = zh_date(t.date) if t.date else f"第{k}行"
        ctx.add(
            "TEST_TWO_STAFF",
            f"{when}的检测应由{need}名以上工作人员进行并签名，"
            f"实际记录{len(t.testers)}名",
            f"test {t.date or f'row {k}'}: {need} testers expected, "
            f"{len(t.testers)} recorded",
            kind=DocumentKind.test_log,
            date=t.date,
        )
