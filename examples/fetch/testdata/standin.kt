// A Kotlin stand-in for the host's fetch (see ../main.go), so that the
// example can also run as a plain Kotlin program: appended to
// ../pipeline.kc it makes a file that real Kotlin runs (slowly: the
// delays are real there) and whose output is testdata/output.golden
// without the host's last line. TestStandIn checks that ktcoro agrees;
// to check real Kotlin (kotlinc 1.3.31, kotlinx.coroutines 1.0.1):
//
//     mkdir /tmp/fetch-kt && cd /tmp/fetch-kt
//     cat $REPO/examples/fetch/pipeline.kc $REPO/examples/fetch/testdata/standin.kt > pipeline.kc
//     grep -v '^host: ' $REPO/examples/fetch/testdata/output.golden > pipeline.out
//     $REPO/../shared/tools/kotlin-oracle --timeout 200 .

class SimPage(val latency: Long, val status: Int, val title: String, val words: Int)

val site = mapOf(
    "https://example.com/" to SimPage(1500, 200, "Example Domain", 40),
    "https://example.com/news" to SimPage(4000, 200, "News", 120),
    "https://example.com/about" to SimPage(1000, 200, "About us", 25),
    "https://example.com/blog" to SimPage(3500, 200, "Blog", 200),
    "https://example.com/missing" to SimPage(2000, 404, "", 0),
    "https://example.com/slow" to SimPage(25000, 200, "Eventually", 10),
    "https://example.com/shop" to SimPage(3000, 200, "Shop", 80),
    "https://example.com/contact" to SimPage(500, 200, "Contact", 15)
)

suspend fun fetch(url: String): String {
    val p = site[url]
    delay(p?.latency ?: 100L)
    if (p == null) throw IOException("unknown host: $url")
    if (p.status != 200) throw IOException("HTTP ${p.status} from $url")
    return "<html><head><title>${p.title}</title></head><body>${"lorem ipsum ".repeat(p.words / 2).trim()}</body></html>"
}
