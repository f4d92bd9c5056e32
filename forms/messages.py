"""What each kind of validation error expected, in Chinese and English.

Keys are pydantic's error types and the project's own (``id_checksum`` …).
"""

from __future__ import annotations

from collections.abc import Mapping

EXPECTED: dict[str, tuple[str, str]] = {
    "extra_forbidden": ("不是该处允许的字段", "not a field allowed here"),
    "missing": ("缺少必填字段", "a required field is missing"),
    "date_type": ("应为日期，写作 YYYY-MM-DD", "a date written YYYY-MM-DD"),
    "date_value": ("日历上没有这一天", "a day that exists in the calendar"),
    "string_type": (
        '应为文字（数字请加引号，如 "0755"）',
        'text (put numbers in quotes, e.g. "0755")',
    ),
    "string_too_long": (
        "文字过长，最多 {max_length} 个字符",
        "at most {max_length} characters",
    ),
    "too_long": ("条目过多，最多 {max_length} 条", "at most {max_length} entries"),
    "int_type": ("应为整数", "a whole number"),
    "int_parsing": ("应为整数", "a whole number"),
    "bool_type": ("应为 true 或 false", "true or false"),
    "bool_parsing": ("应为 true 或 false", "true or false"),
    "enum": ("应为以下之一：{expected}", "one of {expected}"),
    "literal_error": ("应为 {expected}", "{expected}"),
    "list_type": ("应为列表", "a list"),
    "model_type": ("应为字段与值的映射", "a mapping of fields to values"),
    "model_attributes_type": ("应为字段与值的映射", "a mapping of fields to values"),
    "dict_type": ("应为字段与值的映射", "a mapping of fields to values"),
    "greater_than_equal": ("应不小于 {ge}", "at least {ge}"),
    "less_than_equal": ("应不大于 {le}", "at most {le}"),
    "text_control_character": (
        "含有 Word 文件无法保存的控制字符 U+{code}",
        "a character Word files cannot hold, U+{code}",
    ),
    "id_length": ("公民身份号码应为 18 位", "an ID number of 18 characters"),
    "id_characters": (
        "公民身份号码应为 17 位数字加 1 位数字或 X",
        "17 digits and a digit or X",
    ),
    "id_checksum": (
        "公民身份号码校验码不正确（GB 11643）",
        "an ID number whose check character is right (GB 11643)",
    ),
    "id_birth_date": (
        "公民身份号码中的出生日期无效",
        "an ID number with a real birth date",
    ),
    "id_area": (
        "公民身份号码的地址码不存在（GB/T 2260）",
        "an ID number with a real area code (GB/T 2260)",
    ),
    "id_birth_date_mismatch": (
        "公民身份号码中的出生日期 {encoded} 与 birth_date 字段 {given} 不一致",
        "the birth date in the ID number, {encoded}, to equal birth_date, {given}",
    ),
    "id_sex_mismatch": (
        "公民身份号码表示的性别（{encoded}）与 sex 字段（{given}）不一致",
        "the sex the ID number encodes ({encoded}) to equal sex ({given})",
    ),
    "file_missing": ("找不到文件", "an existing file"),
    "file_unreadable": ("文件无法读取：{reason}", "a readable file: {reason}"),
    "file_too_large": (
        "文件过大，最多 {limit} 字节",
        "a file of at most {limit} bytes",
    ),
    "not_utf8": (
        "文件应为 UTF-8 编码，第 {offset} 字节处无法解码",
        "UTF-8 text; byte {offset} does not decode",
    ),
    "yaml_syntax": ("YAML 语法错误：{reason}", "valid YAML: {reason}"),
    "json_syntax": ("JSON 语法错误：{reason}", "valid JSON: {reason}"),
    "yaml_alias": (
        "案卷文件不允许使用 YAML 锚点和别名（& 与 *）",
        "no YAML anchors or aliases (& and *) in a case file",
    ),
    "yaml_tag": ("不允许使用 YAML 标签 {tag}", "no YAML tag {tag}"),
    "duplicate_key": ("字段重复出现", "each field once"),
    "too_deep": ("嵌套层级过深", "nesting at most {limit} levels deep"),
    "not_mapping": ("文件顶层应为字段与值的映射", "a mapping of fields at the top"),
}


def expected(
    code: str, context: Mapping[str, object], fallback: str
) -> tuple[str, str]:
    """The zh and en texts of what was expected, with ``context`` filled in."""
    zh, en = EXPECTED.get(code, (f"值不符合要求（{fallback}）", fallback))
    values = {k: str(v) for k, v in context.items()}
    try:
        return zh.format(**values), en.format(**values)
    except (KeyError, IndexError, ValueError):
        return zh, en
