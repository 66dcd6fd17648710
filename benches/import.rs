//! Throughput of the import pipeline (clean + segment + slots + candidates) on a speech
//! with cruft and a paragraph of inline items (一是……二是……), repeated to ~1 MB. The target (issue 6): at least 5 MB/s.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// A fresh speech with the kinds of cruft and placeholders websites leave.
fn sample() -> String {
    let unit = "在全市职工技能大赛总结会上的讲话\n时间:2024-05-01 09:30:00\n同志们:\n\
        今天,我们召开全市职工技能大赛总结会,回顾X届X次全会以来的工作,\n部署下一步任务。\n\
        一、提高站位,认清技能人才工作的重要意义\n\
        一要看到成绩。去年全市举办比赛**场,参赛职工**万人次,增长X%。\n\
        二要正视差距。……(某某文秘网http://www.example.cn省略300字,正式会员可完整阅读)……\
        部分企业参与热情不高,培训经费投入不足,20*年以来的问题依然存在。\n\
        下一步要抓好三件事:一是办好培训班。二是选好带头人,三是建好工作室。\n\
        二、突出重点,推动技能竞赛走深走实\n\
        （一）完善竞赛体系\n\
        第一,要建立健全市、县(区)、企业三级竞赛机制,由X区先行试点。\n\
        第二,要加大奖励力度,对获奖选手给予**万元奖励。\n\
        扫码关注公众号\n加客服微信:123456\n\
        同志们,让我们携手努力,谢谢大家!\n";
    unit.repeat(1 + (1 << 20) / unit.len())
}

fn bench(c: &mut Criterion) {
    let text = sample();
    let mut g = c.benchmark_group("import");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("analyze_1mb_txt", |b| {
        b.iter(|| jianggao::import::analyze(text.as_bytes(), "speech.txt"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
