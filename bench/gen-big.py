#!/usr/bin/env python3
"""Writes a 1,000-line ktcoro script (valid Kotlin) to stdout for
bench/startup.sh: classes, extensions, receiver lambdas and coroutines."""

out = ["import kotlinx.coroutines.*", ""]
i = 0
while len(out) < 960:
    out += [
        f"class Box{i}(val a: Int, var b: String) {{",
        f"    fun twice() = a * 2",
        f"    fun label(p: String): String = p + b + a",
        f"}}",
        f"",
        f"fun Box{i}.sum{i}(k: Int): Int = a + k + twice()",
        f"",
        f"suspend fun work{i}(x: Int): Int {{",
        f"    delay(1)",
        f"    return coroutineScope {{",
        f"        val d = async {{ x + 1 }}",
        f"        launch {{ d.await() }}",
        f"        d.await() + Box{i}(x, \"s\").sum{i}(1)",
        f"    }}",
        f"}}",
        f"",
        f"fun text{i}(n: Int): String = buildString {{",
        f"    append(\"n=\")",
        f"    append(n)",
        f"    repeat(2) {{ append(it) }}",
        f"}}.let {{ it.uppercase() }}",
        f"",
        f"fun list{i}(): List<Int> = listOf(1, 2, 3).map {{ it * {i} }}.filter {{ it > 1 }}",
        f"",
    ]
    i += 1
out += ["fun main() = runBlocking {", "    var t = 0"]
for j in range(i):
    out.append(f"    t += work{j}({j}) + text{j}({j}).length + list{j}().size")
out += ["    println(t)", "}"]
print("\n".join(out))
