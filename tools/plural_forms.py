"""The ``Plural-Forms`` header, checked as ``msgfmt -c`` checks it.

A plural expression the build's gettext cannot parse makes it drop the whole catalogue, so the pages come out in
English without a word of warning. The rules are GNU gettext's: ``nplurals=`` and ``plural=`` are looked for
anywhere in the header (``strstr``), the expression is read by the grammar of ``plural.y`` up to the first ``;``
or line break, and it is evaluated for n = 0…1000 in unsigned 64-bit arithmetic, where a division by zero, a
negative value or a value of nplurals or more is an error. The parser and the evaluator are iterative (explicit
stacks), so no input makes them recurse.
"""

from __future__ import annotations

import functools
import re

# Python's gettext, which the build reads the catalogues with, refuses longer expressions.
MAX_EXPRESSION = 1000
# msgfmt evaluates the expression for every n up to this.
_LAST_N = 1000
_MASK = (1 << 64) - 1
_SIGN = 1 << 63

# Binding power of the binary operators, as in plural.y (all left-associative); ``?:`` binds least.
_BINARY = {
    "||": 1,
    "&&": 2,
    "==": 3,
    "!=": 3,
    "<": 4,
    ">": 4,
    "<=": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "%": 6,
}
_TOKEN = re.compile(r"[ \t]*(?:([0-9]+)|(n)|(\|\||&&|==|!=|<=|>=|[<>+\-*/%!?:()])|(.|$))", re.DOTALL)


class PluralFormsError(ValueError):
    """What is wrong with a header's plural forms, in msgfmt's words where it has some."""


def _tokens(expression: str) -> list[str | int]:
    """The tokens of ``expression`` up to where gettext's lexer stops (``;``, a line break or the end)."""
    tokens: list[str | int] = []
    position = 0
    while True:
        match = _TOKEN.match(expression, position)
        assert match is not None  # the last alternative matches anything
        number, name, operator, other = match.groups()
        position = match.end()
        if number is not None:
            tokens.append(int(number) & _MASK)  # strtoul's wrap-around, as C reads it
        elif name is not None:
            tokens.append("n")
        elif operator is not None:
            tokens.append(operator)
        elif other in ("", ";", "\n", "\0"):
            return tokens
        else:
            raise PluralFormsError("invalid plural expression")


def _to_postfix(tokens: list[str | int]) -> list[str | int]:
    """Shunting-yard over plural.y's grammar; raises PluralFormsError on anything the grammar refuses.

    The output is postfix with ``?`` and ``:`` kept as operators of three operands (``c a b ?:``)."""
    output: list[str | int] = []
    stack: list[str] = []  # operators, "(" and "?"
    expect_operand = True
    for token in tokens:
        if expect_operand:
            if token == "!" or token == "(":
                stack.append(str(token))
            elif token == "n" or isinstance(token, int):
                output.append(token)
                expect_operand = False
            else:
                raise PluralFormsError("invalid plural expression")
            continue
        if token in _BINARY:
            power = _BINARY[str(token)]
            while stack and (stack[-1] == "!" or (stack[-1] in _BINARY and _BINARY[stack[-1]] >= power)):
                output.append(stack.pop())
            stack.append(str(token))
            expect_operand = True
        elif token == "?":
            while stack and (stack[-1] == "!" or stack[-1] in _BINARY):
                output.append(stack.pop())
            stack.append("?")
            expect_operand = True
        elif token == ":":
            while stack and (stack[-1] == "!" or stack[-1] in _BINARY or stack[-1] == "?:"):
                output.append(stack.pop())
            if not stack or stack[-1] != "?":
                raise PluralFormsError("invalid plural expression")
            stack[-1] = "?:"  # right-associative: a following ``?`` nests inside the else branch
            expect_operand = True
        elif token == ")":
            while stack and stack[-1] != "(":
                if stack[-1] == "?":
                    raise PluralFormsError("invalid plural expression")
                output.append(stack.pop())
            if not stack:
                raise PluralFormsError("invalid plural expression")
            stack.pop()
        else:
            raise PluralFormsError("invalid plural expression")
    if expect_operand:
        raise PluralFormsError("invalid plural expression")
    while stack:
        operator = stack.pop()
        if operator in ("(", "?"):
            raise PluralFormsError("invalid plural expression")
        output.append(operator)
    return output


def _apply(operator: str, left: int, right: int) -> int:
    if operator == "||":
        return int(bool(left or right))
    if operator == "&&":
        return int(bool(left and right))
    if operator == "==":
        return int(left == right)
    if operator == "!=":
        return int(left != right)
    if operator == "<":
        return int(left < right)
    if operator == ">":
        return int(left > right)
    if operator == "<=":
        return int(left <= right)
    if operator == ">=":
        return int(left >= right)
    if operator == "+":
        return left + right
    if operator == "-":
        return left - right
    if operator == "*":
        return left * right
    if operator == "/":
        return left // right
    return left % right


def _tree(program: list[str | int]) -> object:
    stack: list[object] = []
    for token in program:
        if isinstance(token, int) or token == "n":
            stack.append(token)
        elif token == "!":
            stack.append(("!", stack.pop()))
        elif token == "?:":
            otherwise, then, condition = stack.pop(), stack.pop(), stack.pop()
            stack.append(("?:", condition, then, otherwise))
        else:
            right, left = stack.pop(), stack.pop()
            stack.append((token, left, right))
    return stack[0]


def _walk(tree: object, n: int) -> int:
    """Evaluate a tree with an explicit stack of pending work, skipping what C's short circuits skip."""
    work: list[tuple[str, object]] = [("eval", tree)]
    values: list[int] = []
    while work:
        kind, item = work.pop()
        if kind == "eval":
            if isinstance(item, int):
                values.append(item)
            elif item == "n":
                values.append(n)
            else:
                node = item
                assert isinstance(node, tuple)
                operator = node[0]
                if operator == "!":
                    work += [("not", None), ("eval", node[1])]
                elif operator == "?:":
                    work += [("choose", node), ("eval", node[1])]
                elif operator in ("||", "&&"):
                    work += [("short", node), ("eval", node[1])]
                else:
                    work += [("binary", operator), ("eval", node[2]), ("eval", node[1])]
        elif kind == "not":
            values.append(int(not values.pop()))
        elif kind == "choose":
            assert isinstance(item, tuple)
            work.append(("eval", item[2] if values.pop() else item[3]))
        elif kind == "short":
            assert isinstance(item, tuple)
            left = values.pop()
            if (item[0] == "||" and left) or (item[0] == "&&" and not left):
                values.append(int(bool(left)))
            else:
                work += [("bool", None), ("eval", item[2])]
        elif kind == "bool":
            values.append(int(bool(values.pop())))
        else:
            right, left = values.pop(), values.pop()
            if item in ("/", "%") and right == 0:
                raise ZeroDivisionError
            values.append(_apply(str(item), left, right) & _MASK)
    return values[0]


def check_expression(expression: str, nplurals: int) -> None:
    """Raise PluralFormsError unless ``expression`` (the text after ``plural=``) is valid for ``nplurals``."""
    expression = re.split("[;\n\0]", expression, maxsplit=1)[0]
    if len(expression) > MAX_EXPRESSION:
        raise PluralFormsError(f"plural expression longer than {MAX_EXPRESSION} characters")
    _check(expression, nplurals)


# Every catalogue of a language has the same expression: evaluate it once per process.
@functools.lru_cache(maxsize=64)
def _check(expression: str, nplurals: int) -> None:
    tree = _tree(_to_postfix(_tokens(expression)))
    try:
        for n in range(_LAST_N + 1):
            value = _walk(tree, n)
            if value & _SIGN:
                raise PluralFormsError("plural expression can produce negative values")
            if value >= nplurals:
                raise PluralFormsError(
                    f"nplurals = {nplurals} but plural expression can produce values as large as {value}"
                )
    except ZeroDivisionError:
        raise PluralFormsError("plural expression can produce division by zero") from None


def check_header(header: str, plural_entries: tuple[int, int] | None = None) -> int | None:
    """Check the plural forms of a header's msgstr as ``msgfmt -c`` does; return nplurals, if declared.

    ``plural_entries`` is (fewest, most) msgstr[N] of the catalogue's plural entries, when it has some."""
    plural = header.find("plural=")
    nplurals_at = header.find("nplurals=")
    if plural < 0 or nplurals_at < 0:
        # msgfmt -c also refuses plural entries without it, where gettext falls back to English's rule; the
        # header check warns about that instead.
        return None
    digits = re.match(r"[ \t\n\r\f\v]*([0-9]+)", header[nplurals_at + len("nplurals=") :])
    if digits is None:
        raise PluralFormsError("expected 'nplurals=N; plural=EXPRESSION;'")  # msgfmt: invalid nplurals value
    nplurals = min(int(digits.group(1)), _MASK)
    check_expression(header[plural + len("plural=") :], nplurals)
    if plural_entries is not None:
        fewest, most = plural_entries
        if fewest < nplurals:
            raise PluralFormsError(f"nplurals = {nplurals} but some messages have only {fewest} plural forms")
        if most > nplurals:
            raise PluralFormsError(f"nplurals = {nplurals} but some messages have {most} plural forms")
    return nplurals
