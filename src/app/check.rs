//! The check as the writer has set it up: the built-in rules, the writer's own 本单位
//! rules, minus the rules switched off (不再提示) and the places left alone in this
//! draft (这里不改). Every face's findings come from [`Session::findings`], so the
//! editor's count, the 审校 panel, `check`, the fixes and the export agree.

use super::view::{MutedRuleView, UserRuleView};
use super::Session;
use crate::check::table::{RuleSet, UserRule};
use crate::check::{
    self, CheckFilter, CheckOptions, Finding, Level, SHOWN_PER_RULE, STRUCTURAL_RULES,
};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::render::render;
use crate::store::{FixReport, Ignore};

/// The result of a check, with the report of the fixes when they were asked for.
pub struct CheckRun {
    pub fixed: Option<FixReport>,
    /// What is left after fixing (everything, without fixing).
    pub findings: Vec<Finding>,
}

/// Where a finding is left alone: this place only, or the rule in the whole draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IgnoreScope {
    Here,
    Draft,
}

impl Session {
    /// The findings of a rendered draft: every rule, the writer's too, without the muted
    /// rules and the draft's ignored places. `target` is the length target in 字. At most
    /// [`SHOWN_PER_RULE`] of a rule, closed by one saying how many there are.
    pub fn findings(
        &self,
        draft: i64,
        doc: &Document,
        target: Option<usize>,
    ) -> Result<Vec<Finding>> {
        self.findings_up_to(draft, doc, target, Some(SHOWN_PER_RULE))
    }

    /// [`Session::findings`] with `per_rule` findings of a rule (None: all, for fixing
    /// them all).
    fn findings_up_to(
        &self,
        draft: i64,
        doc: &Document,
        target: Option<usize>,
        per_rule: Option<usize>,
    ) -> Result<Vec<Finding>> {
        let rules: Vec<UserRule> = self
            .store
            .user_rules()?
            .into_iter()
            .map(|(_, r)| r)
            .collect();
        let user = RuleSet::of_user(&rules)?;
        let opts = CheckOptions {
            target_chars: target,
            user_rules: Some(&user),
            per_rule,
        };
        let mut out = check::check_with(doc, &opts);
        let muted = self.store.muted_rules()?;
        let ignores = self.store.ignores(draft)?;
        out.retain(|f| !muted.iter().any(|m| m == f.rule) && !ignores.iter().any(|i| i.covers(f)));
        Ok(out)
    }

    /// Checks a draft; with `fix`, applies the safe fixes first and checks again. Only
    /// fixes of 必改 findings are applied (a rule offers one only when it has exactly one
    /// suggestion marked safe); `filter` chooses the findings reported, not the fixes.
    pub fn check(
        &mut self,
        draft: i64,
        target: Option<usize>,
        fix: bool,
        filter: &CheckFilter,
    ) -> Result<CheckRun> {
        let doc = render(&self.store.draft(draft)?);
        let mut findings = match fix {
            // Every finding, so 全部修正 fixes all of them, not the ones shown.
            true => self.findings_up_to(draft, &doc, target, None)?,
            false => self.findings(draft, &doc, target)?,
        };
        let mut fixed = None;
        if fix {
            findings.retain(|f| f.level == Some(Level::Must));
            fixed = Some(self.step(draft, |s| s.apply_fixes(draft, &findings))?);
            findings = self.findings(draft, &render(&self.store.draft(draft)?), target)?;
        }
        if let Some(r) = fixed.as_mut() {
            r.not_fixed.retain(|n| filter.keeps(&n.finding));
        }
        findings.retain(|f| filter.keeps(f));
        Ok(CheckRun { fixed, findings })
    }

    /// The findings as the editor lists them (checked against the draft's target).
    pub fn draft_findings(&self, draft: i64) -> Result<Vec<Finding>> {
        let target = self.draft_target(draft)? as usize;
        self.findings(draft, &render(&self.store.draft(draft)?), Some(target))
    }

    /// Applies the safe fixes of the draft's findings as the editor lists them: all of
    /// them, those of one rule, or the one at `index`. Returns how many were applied.
    pub fn fix_findings(
        &mut self,
        draft: i64,
        index: Option<usize>,
        rule: Option<&str>,
    ) -> Result<usize> {
        let chosen: Vec<Finding> = match index {
            // The index is in the list as shown.
            Some(i) => self
                .draft_findings(draft)?
                .into_iter()
                .skip(i)
                .take(1)
                .collect(),
            None => {
                let target = self.draft_target(draft)? as usize;
                let doc = render(&self.store.draft(draft)?);
                self.findings_up_to(draft, &doc, Some(target), None)?
                    .into_iter()
                    .filter(|f| rule.is_none_or(|r| r == f.rule))
                    .collect()
            }
        };
        let report = self.step(draft, |s| s.apply_fixes(draft, &chosen))?;
        Ok(report.fixed_count)
    }

    /// 这里不改: leaves the finding at `index` (as the editor lists them) alone, at its
    /// place or in the whole draft. Returns the ignore's id, for 撤销.
    pub fn ignore_finding(&mut self, draft: i64, index: usize, scope: IgnoreScope) -> Result<i64> {
        let all = self.draft_findings(draft)?;
        let Some(f) = all.get(index) else {
            return Err(Error::NoSuchRule {
                rule: format!("#{}", index + 1),
            });
        };
        let ignore = match scope {
            IgnoreScope::Here => Ignore::new(f.rule, f.node, Some(f.part), Some(&f.text)),
            IgnoreScope::Draft => Ignore::new(f.rule, None, None, None),
        };
        self.ignore(draft, &ignore)
    }

    /// Leaves a rule alone in a draft (see [`Ignore`]); returns the ignore's id.
    pub fn ignore(&mut self, draft: i64, ignore: &Ignore) -> Result<i64> {
        self.known_rule(&ignore.rule)?;
        self.store.add_ignore(draft, ignore)
    }

    /// 不再提示此规则 (true) or 恢复提示 (false), in every draft.
    pub fn mute_rule(&mut self, rule: &str, muted: bool) -> Result<bool> {
        if muted {
            self.known_rule(rule)?;
        }
        self.store.set_muted(rule, muted)
    }

    /// Keeps one of the writer's rules (本单位); returns its id.
    pub fn add_user_rule(&mut self, rule: UserRule) -> Result<i64> {
        self.store.add_user_rule(rule)
    }

    /// The writer's rules as settings lists them.
    pub fn user_rule_views(&self) -> Result<Vec<UserRuleView>> {
        Ok(self
            .store
            .user_rules()?
            .into_iter()
            .map(|(id, r)| UserRuleView {
                id,
                literal: r.literal,
                to: r.to,
                level: r.level.zh().into(),
                reason: r.reason,
            })
            .collect())
    }

    /// Keeps a rule sent by the window (`id` is not read); returns the list.
    pub fn add_user_rule_view(&mut self, v: UserRuleView) -> Result<Vec<UserRuleView>> {
        let Some(level) = Level::parse(&v.level) else {
            return Err(Error::BadUserRule {
                literal: v.literal,
                why: "level",
            });
        };
        let to = v.to.into_iter().filter(|t| !t.trim().is_empty()).collect();
        self.add_user_rule(UserRule {
            literal: v.literal,
            to,
            level,
            reason: v.reason,
        })?;
        self.user_rule_views()
    }

    pub fn remove_user_rule(&mut self, id: i64) -> Result<Vec<UserRuleView>> {
        self.store.remove_user_rule(id)?;
        self.user_rule_views()
    }

    /// The rules switched off, each with its class and reason.
    pub fn muted_rule_views(&self) -> Result<Vec<MutedRuleView>> {
        let user = self.store.user_rules()?;
        let about = |rule: &str| -> String {
            if let Some(r) = check::table::rules().rules.iter().find(|r| r.id == rule) {
                return format!("{}：{}", r.class, r.reason);
            }
            match user.iter().find(|(_, u)| u.id() == rule) {
                Some((_, u)) => format!("本单位：“{}”", u.literal),
                None => rule.to_string(),
            }
        };
        Ok(self
            .store
            .muted_rules()?
            .into_iter()
            .map(|rule| MutedRuleView {
                about: about(&rule),
                rule,
            })
            .collect())
    }

    /// Fails unless the check has a rule with this id (built-in, code or the writer's).
    fn known_rule(&self, rule: &str) -> Result<()> {
        let known = STRUCTURAL_RULES.contains(&rule)
            || check::table::rules().rules.iter().any(|r| r.id == rule)
            || self.store.user_rules()?.iter().any(|(_, r)| r.id() == rule);
        match known {
            true => Ok(()),
            false => Err(Error::NoSuchRule {
                rule: rule.to_string(),
            }),
        }
    }
}
