//! Outline edits as pure functions over a draft's tree: insert, move, remove, edit.
//!
//! Every outline rule lives here (heading depth, lead adoption, what a kind may carry),
//! so it is tested without SQLite. The store only loads a draft's tree into an
//! [`Outline`], applies one edit and saves the difference. An edit checks everything
//! before it changes anything, so on an error the tree is as it was.

use crate::draft::OutlineNode;
use crate::error::{Error, Result, Thing};
use crate::outline::{stored_lead, LeadStyle, NewNode, NodeKind, MAX_HEADING_LEVEL};

/// Where a node goes in the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// At the end of the top level.
    End,
    /// As the last child of a heading.
    Under(i64),
    After(i64),
    Before(i64),
}

/// When inserted items take the lead style of the items already under their parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adopt {
    /// Always (a library block joins the group it is put into).
    Always,
    /// Only when no inserted node names a lead (the writer's own choice wins).
    UnlessLed,
}

/// One draft's outline being edited. New nodes get provisional ids (negative, never
/// used by the store) so an edit can say where they went; saving maps them to rowids.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    draft: i64,
    nodes: Vec<OutlineNode>,
    next_id: i64,
}

/// Where a node is: the index path of its parent from the top level (empty for the top
/// level), and its index among the parent's children.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spot {
    up: Vec<usize>,
    index: usize,
}

impl Spot {
    /// The path to the node itself, for its children.
    fn down(&self) -> Vec<usize> {
        let mut p = self.up.clone();
        p.push(self.index);
        p
    }
}

impl Outline {
    /// The outline of draft `draft` (the id only names it in error messages).
    pub fn new(draft: i64, nodes: Vec<OutlineNode>) -> Self {
        fn min_id(nodes: &[OutlineNode]) -> i64 {
            nodes
                .iter()
                .map(|n| n.id.min(min_id(&n.children)))
                .min()
                .unwrap_or(0)
        }
        // Below every id present, so edits of an already edited tree never collide.
        let next_id = min_id(&nodes).min(0) - 1;
        Outline {
            draft,
            nodes,
            next_id,
        }
    }

    pub fn nodes(&self) -> &[OutlineNode] {
        &self.nodes
    }

    pub fn into_nodes(self) -> Vec<OutlineNode> {
        self.nodes
    }

    /// Whether `id` is a provisional id given by an insert, not a stored one.
    pub fn is_provisional(id: i64) -> bool {
        id < 0
    }

    /// Finds a node anywhere in the outline.
    pub fn find(&self, id: i64) -> Option<&OutlineNode> {
        self.spot(id).map(|s| self.at(&s))
    }

    /// Inserts `nodes` at `place` and returns the provisional ids of the top ones.
    /// Items get the style of the first item already under their new parent, per `adopt`;
    /// an item without a style gets the default one, other kinds lose theirs.
    pub fn insert(&mut self, place: Place, nodes: Vec<NewNode>, adopt: Adopt) -> Result<Vec<i64>> {
        let (parent, at) = self.resolve(place, None)?;
        let depth = nodes.iter().map(NewNode::heading_depth).max().unwrap_or(0);
        self.check_depth(&parent, depth)?;
        let style = match adopt {
            Adopt::UnlessLed if nodes.iter().any(|n| n.lead.is_some()) => None,
            _ => self
                .children(&parent)
                .iter()
                .find(|n| n.kind == NodeKind::Item)
                .and_then(|n| n.lead),
        };
        let placed: Vec<OutlineNode> = nodes
            .into_iter()
            .map(|mut n| {
                if let (Some(style), NodeKind::Item) = (style, n.kind) {
                    n.lead = Some(style);
                }
                self.provisional(n)
            })
            .collect();
        let ids = placed.iter().map(|n| n.id).collect();
        let list = self.children_mut(&parent);
        let at = at.min(list.len());
        list.splice(at..at, placed);
        Ok(ids)
    }

    /// Moves a node with its subtree. Positions at `place` are counted without the node.
    pub fn move_node(&mut self, node: i64, place: Place) -> Result<()> {
        let from = self.existing(node)?;
        if let Place::Under(t) | Place::After(t) | Place::Before(t) = place {
            let target = self.existing(t)?;
            if target.down().starts_with(&from.down()) {
                return Err(Error::MoveIntoItself { node });
            }
        }
        let (mut parent, at) = self.resolve(place, Some(node))?;
        self.check_depth(&parent, heading_depth(self.at(&from)))?;
        let moved = self.children_mut(&from.up).remove(from.index);
        // The new parent is not inside the moved node, but it may come after it among the
        // moved node's siblings: then its path shifts up by one there.
        let k = from.up.len();
        if parent.len() > k && parent.starts_with(&from.up) && parent[k] > from.index {
            parent[k] -= 1;
        }
        let list = self.children_mut(&parent);
        let at = at.min(list.len());
        list.insert(at, moved);
        Ok(())
    }

    /// Removes a node and everything under it; returns it.
    pub fn remove(&mut self, node: i64) -> Result<OutlineNode> {
        let spot = self.existing(node)?;
        Ok(self.children_mut(&spot.up).remove(spot.index))
    }

    /// Changes a node's text (trimmed), lead style or kind. A heading with children keeps
    /// its kind; a node becoming a heading must fit the depth; only items have a lead: an
    /// item keeps its style unless told, a new item gets the default one.
    pub fn edit(
        &mut self,
        node: i64,
        text: Option<&str>,
        lead: Option<LeadStyle>,
        kind: Option<NodeKind>,
    ) -> Result<()> {
        let spot = self.existing(node)?;
        let (old_kind, has_children, old_lead) = {
            let n = self.at(&spot);
            (n.kind, !n.children.is_empty(), n.lead)
        };
        let kind = kind.unwrap_or(old_kind);
        if kind != old_kind {
            if old_kind == NodeKind::Heading && has_children {
                return Err(Error::HasChildren { node });
            }
            if kind == NodeKind::Heading {
                self.check_depth(&spot.up, 1)?;
            }
        }
        let lead = match (kind, lead) {
            (NodeKind::Item, Some(style)) => Some(style),
            (NodeKind::Item, None) if old_kind == NodeKind::Item => old_lead,
            (NodeKind::Item, None) => Some(LeadStyle::default()),
            (_, Some(_)) => return Err(Error::LeadOnItemsOnly { node, kind }),
            (_, None) => None,
        };
        let n = self.at_mut(&spot);
        if let Some(t) = text {
            n.text = t.trim().to_string();
        }
        n.kind = kind;
        n.lead = lead;
        Ok(())
    }

    /// Sets a node's note (reviewers' comments); None or blank clears it.
    pub fn set_note(&mut self, node: i64, note: Option<&str>) -> Result<()> {
        let spot = self.existing(node)?;
        self.at_mut(&spot).note = note
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        Ok(())
    }

    /// Resolves a place into (the parent's path, index among its children), checking it.
    /// `moving` is left out of the sibling lists: it is the node being moved.
    fn resolve(&self, place: Place, moving: Option<i64>) -> Result<(Vec<usize>, usize)> {
        let count = |list: &[OutlineNode]| list.iter().filter(|n| Some(n.id) != moving).count();
        Ok(match place {
            Place::End => (Vec::new(), count(&self.nodes)),
            Place::Under(target) => {
                let spot = self.existing(target)?;
                let t = self.at(&spot);
                if t.kind != NodeKind::Heading {
                    return Err(Error::NotAHeading {
                        node: target,
                        kind: t.kind,
                    });
                }
                (spot.down(), count(&t.children))
            }
            Place::After(target) | Place::Before(target) => {
                let spot = self.existing(target)?;
                let before = count(&self.children(&spot.up)[..spot.index]);
                let at = if matches!(place, Place::After(_)) {
                    before + 1
                } else {
                    before
                };
                (spot.up, at)
            }
        })
    }

    /// Refuses headings deeper than [`MAX_HEADING_LEVEL`]: the headings down to and
    /// including `parent`, plus `subtree_depth` more.
    fn check_depth(&self, parent: &[usize], subtree_depth: usize) -> Result<()> {
        let mut depth = subtree_depth;
        let mut list = &self.nodes;
        for &i in parent {
            let n = &list[i];
            if n.kind == NodeKind::Heading {
                depth += 1;
            }
            list = &n.children;
        }
        if depth > MAX_HEADING_LEVEL {
            return Err(Error::TooDeep {
                depth,
                max: MAX_HEADING_LEVEL,
            });
        }
        Ok(())
    }

    fn existing(&self, id: i64) -> Result<Spot> {
        self.spot(id)
            .ok_or_else(|| Error::not_found(Thing::Item, format!("{id} in draft {}", self.draft)))
    }

    fn spot(&self, id: i64) -> Option<Spot> {
        fn walk(nodes: &[OutlineNode], id: i64, up: &mut Vec<usize>) -> Option<usize> {
            for (i, n) in nodes.iter().enumerate() {
                if n.id == id {
                    return Some(i);
                }
                up.push(i);
                if let Some(found) = walk(&n.children, id, up) {
                    return Some(found);
                }
                up.pop();
            }
            None
        }
        let mut up = Vec::new();
        walk(&self.nodes, id, &mut up).map(|index| Spot { up, index })
    }

    // Spots and paths come from `spot` on the current tree, so indexing with them holds.
    fn at(&self, spot: &Spot) -> &OutlineNode {
        &self.children(&spot.up)[spot.index]
    }

    fn at_mut(&mut self, spot: &Spot) -> &mut OutlineNode {
        &mut self.children_mut(&spot.up)[spot.index]
    }

    /// The children of the node at path `parent`; the top level for an empty path.
    fn children(&self, parent: &[usize]) -> &[OutlineNode] {
        let mut list = &self.nodes;
        for &i in parent {
            list = &list[i].children;
        }
        list
    }

    fn children_mut(&mut self, parent: &[usize]) -> &mut Vec<OutlineNode> {
        let mut list = &mut self.nodes;
        for &i in parent {
            list = &mut list[i].children;
        }
        list
    }

    /// A new subtree with provisional ids and the leads it will be stored with.
    fn provisional(&mut self, n: NewNode) -> OutlineNode {
        let id = self.next_id;
        self.next_id -= 1;
        OutlineNode {
            id,
            kind: n.kind,
            lead: stored_lead(n.kind, n.lead),
            text: n.text,
            source_block: n.source_block,
            note: None,
            children: n
                .children
                .into_iter()
                .map(|c| self.provisional(c))
                .collect(),
        }
    }
}

/// Depth of headings in a subtree, counting its root: 0 for an item or paragraph.
fn heading_depth(n: &OutlineNode) -> usize {
    if n.kind != NodeKind::Heading {
        return 0;
    }
    1 + n.children.iter().map(heading_depth).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn node(id: i64, kind: NodeKind, text: &str, children: Vec<OutlineNode>) -> OutlineNode {
        OutlineNode {
            id,
            kind,
            lead: stored_lead(kind, None),
            text: text.into(),
            source_block: None,
            note: None,
            children,
        }
    }

    fn heading(id: i64, text: &str, children: Vec<OutlineNode>) -> OutlineNode {
        node(id, NodeKind::Heading, text, children)
    }

    fn item(id: i64, text: &str) -> OutlineNode {
        node(id, NodeKind::Item, text, Vec::new())
    }

    fn para(id: i64, text: &str) -> OutlineNode {
        node(id, NodeKind::Paragraph, text, Vec::new())
    }

    /// 1 甲 [2 甲一, 3 甲二, 4 甲三], 5 乙 [6 乙一], 7 结语 (a paragraph).
    fn sample() -> Outline {
        Outline::new(
            9,
            vec![
                heading(
                    1,
                    "甲",
                    vec![item(2, "甲一"), item(3, "甲二"), item(4, "甲三")],
                ),
                heading(5, "乙", vec![item(6, "乙一")]),
                para(7, "结语"),
            ],
        )
    }

    /// Headings 1 > 2 > 3 > 4 (four levels), with item 5 under the deepest.
    fn deep() -> Outline {
        Outline::new(
            9,
            vec![heading(
                1,
                "一",
                vec![heading(
                    2,
                    "二",
                    vec![heading(
                        3,
                        "三",
                        vec![heading(4, "四", vec![item(5, "条")])],
                    )],
                )],
            )],
        )
    }

    /// The outline as `id:text` lists, children in brackets.
    fn shape(nodes: &[OutlineNode]) -> String {
        nodes
            .iter()
            .map(|n| {
                if n.children.is_empty() {
                    format!("{}:{}", n.id, n.text)
                } else {
                    format!("{}:{}[{}]", n.id, n.text, shape(&n.children))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn new_item(text: &str, lead: Option<LeadStyle>) -> NewNode {
        let mut n = NewNode::new(NodeKind::Item, text);
        n.lead = lead;
        n
    }

    /// Asserts the edit failed with `kind` and `message`, and changed nothing.
    fn refused<T: std::fmt::Debug>(
        before: &Outline,
        after: &Outline,
        r: Result<T>,
        kind: ErrorKind,
        message: &str,
    ) {
        let err = r.unwrap_err();
        assert_eq!(err.kind(), kind, "{err}");
        assert_eq!(err.to_string(), message);
        assert_eq!(before, after, "a refused edit changed the tree");
    }

    #[test]
    fn insert_goes_where_asked() {
        let mut o = sample();
        let end = o.insert(
            Place::End,
            vec![NewNode::new(NodeKind::Paragraph, "末")],
            Adopt::Always,
        );
        assert_eq!(end.unwrap(), vec![-1]);
        o.insert(Place::Under(5), vec![new_item("乙二", None)], Adopt::Always)
            .unwrap();
        o.insert(
            Place::Before(2),
            vec![new_item("甲零", None)],
            Adopt::Always,
        )
        .unwrap();
        o.insert(Place::After(4), vec![new_item("甲四", None)], Adopt::Always)
            .unwrap();
        assert_eq!(
            shape(o.nodes()),
            "1:甲[-3:甲零 2:甲一 3:甲二 4:甲三 -4:甲四] 5:乙[6:乙一 -2:乙二] 7:结语 -1:末"
        );
    }

    #[test]
    fn inserted_subtrees_get_provisional_ids_below_every_id() {
        let mut o = Outline::new(1, vec![para(-7, "已有")]);
        let mut h = NewNode::new(NodeKind::Heading, "新");
        h.children = vec![new_item("一", None), new_item("二", None)];
        let ids = o
            .insert(Place::End, vec![h, new_item("三", None)], Adopt::Always)
            .unwrap();
        assert_eq!(ids, vec![-8, -11]);
        assert_eq!(shape(o.nodes()), "-7:已有 -8:新[-9:一 -10:二] -11:三");
        assert!(Outline::is_provisional(-8) && !Outline::is_provisional(8));
        assert_eq!(o.find(-10).map(|n| n.text.as_str()), Some("二"));
    }

    #[test]
    fn inserted_nodes_get_their_stored_leads() {
        let mut o = Outline::new(1, Vec::new());
        let mut p = NewNode::new(NodeKind::Paragraph, "段");
        p.lead = Some(LeadStyle::Yao);
        o.insert(Place::End, vec![new_item("条", None), p], Adopt::Always)
            .unwrap();
        let n = o.nodes();
        assert_eq!(
            n[0].lead,
            Some(LeadStyle::Shi),
            "an item gets the default style"
        );
        assert_eq!(n[1].lead, None, "a paragraph has no lead");
    }

    fn with_yao_items() -> Outline {
        let mut o = sample();
        for id in [2, 3, 4] {
            o.edit(id, None, Some(LeadStyle::Yao), None).unwrap();
        }
        o
    }

    #[test]
    fn items_added_next_to_items_adopt_the_first_ones_style() {
        let mut o = with_yao_items();
        let ids = o
            .insert(
                Place::After(2),
                vec![
                    new_item("新", None),
                    NewNode::new(NodeKind::Paragraph, "段"),
                ],
                Adopt::UnlessLed,
            )
            .unwrap();
        assert_eq!(o.find(ids[0]).unwrap().lead, Some(LeadStyle::Yao));
        assert_eq!(o.find(ids[1]).unwrap().lead, None);
        // Under 乙 the items are 一是: a new item there counts with them.
        let ids = o
            .insert(
                Place::Under(5),
                vec![new_item("乙二", None)],
                Adopt::UnlessLed,
            )
            .unwrap();
        assert_eq!(o.find(ids[0]).unwrap().lead, Some(LeadStyle::Shi));
        // The first item decides, even when a paragraph comes before it.
        let mut o = with_yao_items();
        o.insert(
            Place::Before(2),
            vec![NewNode::new(NodeKind::Paragraph, "引")],
            Adopt::Always,
        )
        .unwrap();
        let ids = o
            .insert(
                Place::Under(1),
                vec![new_item("末", Some(LeadStyle::Di))],
                Adopt::Always,
            )
            .unwrap();
        assert_eq!(o.find(ids[0]).unwrap().lead, Some(LeadStyle::Yao));
    }

    #[test]
    fn a_led_insert_keeps_its_style_unless_it_is_a_block() {
        let mut o = with_yao_items();
        let ids = o
            .insert(
                Place::Under(1),
                vec![new_item("一", Some(LeadStyle::Di)), new_item("二", None)],
                Adopt::UnlessLed,
            )
            .unwrap();
        assert_eq!(o.find(ids[0]).unwrap().lead, Some(LeadStyle::Di));
        assert_eq!(o.find(ids[1]).unwrap().lead, Some(LeadStyle::Shi));
        let ids = o
            .insert(
                Place::Under(1),
                vec![new_item("三", Some(LeadStyle::Di))],
                Adopt::Always,
            )
            .unwrap();
        assert_eq!(o.find(ids[0]).unwrap().lead, Some(LeadStyle::Yao));
    }

    #[test]
    fn nothing_to_adopt_where_there_are_no_items() {
        let mut o = sample();
        let ids = o
            .insert(
                Place::End,
                vec![new_item("顶", Some(LeadStyle::Order))],
                Adopt::Always,
            )
            .unwrap();
        assert_eq!(o.find(ids[0]).unwrap().lead, Some(LeadStyle::Order));
    }

    #[test]
    fn adoption_reaches_only_the_top_of_the_inserted_nodes() {
        let mut o = with_yao_items();
        let mut h = NewNode::new(NodeKind::Heading, "小");
        h.children = vec![new_item("内", None)];
        let ids = o.insert(Place::Under(1), vec![h], Adopt::Always).unwrap();
        let inner = &o.find(ids[0]).unwrap().children[0];
        assert_eq!(inner.lead, Some(LeadStyle::Shi));
    }

    #[test]
    fn insert_refusals_change_nothing() {
        let mut o = sample();
        let before = o.clone();
        let r = o.insert(Place::Under(2), vec![new_item("x", None)], Adopt::Always);
        refused(
            &before,
            &o,
            r,
            ErrorKind::BadInput,
            "item 2 is a item; only headings have items under them",
        );
        let r = o.insert(Place::Under(7), vec![new_item("x", None)], Adopt::Always);
        refused(
            &before,
            &o,
            r,
            ErrorKind::BadInput,
            "item 7 is a paragraph; only headings have items under them",
        );
        for place in [Place::Under(99), Place::After(99), Place::Before(99)] {
            let r = o.insert(place, vec![new_item("x", None)], Adopt::Always);
            refused(&before, &o, r, ErrorKind::NotFound, "no item 99 in draft 9");
        }
    }

    #[test]
    fn headings_go_at_most_four_levels_deep_on_insert() {
        let mut o = deep();
        let before = o.clone();
        let h = || NewNode::new(NodeKind::Heading, "五");
        let r = o.insert(Place::Under(4), vec![h()], Adopt::Always);
        refused(
            &before,
            &o,
            r,
            ErrorKind::BadInput,
            "headings would go 5 levels deep there; at most 4 (一、（一）1.（1）)",
        );
        let r = o.insert(Place::After(5), vec![h()], Adopt::Always);
        refused(
            &before,
            &o,
            r,
            ErrorKind::BadInput,
            "headings would go 5 levels deep there; at most 4 (一、（一）1.（1）)",
        );
        // A subtree counts all its levels.
        let mut two = h();
        two.children = vec![h()];
        let r = o.insert(Place::Under(3), vec![two.clone()], Adopt::Always);
        refused(
            &before,
            &o,
            r,
            ErrorKind::BadInput,
            "headings would go 5 levels deep there; at most 4 (一、（一）1.（1）)",
        );
        // Items and paragraphs are no level; the fourth level is allowed.
        o.insert(Place::Under(4), vec![new_item("条", None)], Adopt::Always)
            .unwrap();
        o.insert(Place::Under(2), vec![two], Adopt::Always).unwrap();
        o.insert(Place::Before(4), vec![h()], Adopt::Always)
            .unwrap();
    }

    #[test]
    fn move_counts_positions_without_the_moving_node() {
        let mut o = sample();
        o.move_node(2, Place::After(3)).unwrap();
        assert_eq!(
            shape(o.nodes()),
            "1:甲[3:甲二 2:甲一 4:甲三] 5:乙[6:乙一] 7:结语"
        );
        o.move_node(4, Place::Before(3)).unwrap();
        assert_eq!(
            shape(o.nodes()),
            "1:甲[4:甲三 3:甲二 2:甲一] 5:乙[6:乙一] 7:结语"
        );
        o.move_node(1, Place::End).unwrap();
        assert_eq!(
            shape(o.nodes()),
            "5:乙[6:乙一] 7:结语 1:甲[4:甲三 3:甲二 2:甲一]"
        );
        o.move_node(1, Place::Before(5)).unwrap();
        o.move_node(3, Place::Under(5)).unwrap();
        assert_eq!(
            shape(o.nodes()),
            "1:甲[4:甲三 2:甲一] 5:乙[6:乙一 3:甲二] 7:结语"
        );
        o.move_node(6, Place::After(2)).unwrap();
        assert_eq!(
            shape(o.nodes()),
            "1:甲[4:甲三 2:甲一 6:乙一] 5:乙[3:甲二] 7:结语"
        );
    }

    #[test]
    fn a_heading_moves_with_its_subtree_under_a_later_sibling() {
        let mut o = sample();
        // 乙 comes after 甲: its path shifts once 甲 leaves the top level.
        o.move_node(1, Place::Under(5)).unwrap();
        assert_eq!(
            shape(o.nodes()),
            "5:乙[6:乙一 1:甲[2:甲一 3:甲二 4:甲三]] 7:结语"
        );
        o.move_node(7, Place::After(3)).unwrap();
        assert_eq!(
            shape(o.nodes()),
            "5:乙[6:乙一 1:甲[2:甲一 3:甲二 7:结语 4:甲三]]"
        );
        o.move_node(1, Place::Before(5)).unwrap();
        assert_eq!(
            shape(o.nodes()),
            "1:甲[2:甲一 3:甲二 7:结语 4:甲三] 5:乙[6:乙一]"
        );
    }

    #[test]
    fn move_refusals_change_nothing() {
        let mut o = sample();
        let before = o.clone();
        for place in [
            Place::Under(1),
            Place::After(1),
            Place::Before(3),
            Place::After(2),
        ] {
            let r = o.move_node(1, place);
            refused(
                &before,
                &o,
                r,
                ErrorKind::BadInput,
                "cannot move item 1 next to or under itself",
            );
        }
        let r = o.move_node(3, Place::Under(2));
        refused(
            &before,
            &o,
            r,
            ErrorKind::BadInput,
            "item 2 is a item; only headings have items under them",
        );
        let r = o.move_node(99, Place::End);
        refused(&before, &o, r, ErrorKind::NotFound, "no item 99 in draft 9");
        let r = o.move_node(3, Place::After(99));
        refused(&before, &o, r, ErrorKind::NotFound, "no item 99 in draft 9");
    }

    #[test]
    fn headings_go_at_most_four_levels_deep_on_move() {
        let mut o = deep();
        o.insert(
            Place::End,
            vec![NewNode::new(NodeKind::Heading, "外")],
            Adopt::Always,
        )
        .unwrap();
        let before = o.clone();
        let r = o.move_node(-1, Place::Under(4));
        refused(
            &before,
            &o,
            r,
            ErrorKind::BadInput,
            "headings would go 5 levels deep there; at most 4 (一、（一）1.（1）)",
        );
        // Moving 2 (three levels) under the new top heading makes four: allowed.
        o.move_node(2, Place::Under(-1)).unwrap();
        let before = o.clone();
        let r = o.move_node(-1, Place::Under(1));
        refused(
            &before,
            &o,
            r,
            ErrorKind::BadInput,
            "headings would go 5 levels deep there; at most 4 (一、（一）1.（1）)",
        );
        // Items go anywhere under a heading.
        o.move_node(5, Place::Under(1)).unwrap();
    }

    #[test]
    fn remove_takes_the_subtree() {
        let mut o = sample();
        let gone = o.remove(1).unwrap();
        assert_eq!(gone.children.len(), 3);
        assert_eq!(shape(o.nodes()), "5:乙[6:乙一] 7:结语");
        o.remove(6).unwrap();
        assert_eq!(shape(o.nodes()), "5:乙 7:结语");
        let before = o.clone();
        let r = o.remove(2);
        refused(&before, &o, r, ErrorKind::NotFound, "no item 2 in draft 9");
    }

    #[test]
    fn edit_text_is_trimmed_and_kind_and_lead_stay() {
        let mut o = with_yao_items();
        o.edit(3, Some("  新的  "), None, None).unwrap();
        let n = o.find(3).unwrap();
        assert_eq!(
            (n.text.as_str(), n.kind, n.lead),
            ("新的", NodeKind::Item, Some(LeadStyle::Yao))
        );
    }

    #[test]
    fn edit_lead_only_on_items() {
        let mut o = sample();
        o.edit(2, None, Some(LeadStyle::Di), None).unwrap();
        assert_eq!(o.find(2).unwrap().lead, Some(LeadStyle::Di));
        let before = o.clone();
        let r = o.edit(1, None, Some(LeadStyle::Di), None);
        refused(
            &before,
            &o,
            r,
            ErrorKind::BadInput,
            "item 1 is a heading; only items have a lead",
        );
        let r = o.edit(7, Some("改"), Some(LeadStyle::Di), None);
        refused(
            &before,
            &o,
            r,
            ErrorKind::BadInput,
            "item 7 is a paragraph; only items have a lead",
        );
        let r = o.edit(2, None, Some(LeadStyle::Di), Some(NodeKind::Paragraph));
        refused(
            &before,
            &o,
            r,
            ErrorKind::BadInput,
            "item 2 is a paragraph; only items have a lead",
        );
        let r = o.edit(99, Some("改"), None, None);
        refused(&before, &o, r, ErrorKind::NotFound, "no item 99 in draft 9");
    }

    #[test]
    fn edit_kind_sets_the_lead_the_kind_carries() {
        let mut o = with_yao_items();
        // An item becoming a paragraph loses its lead …
        o.edit(3, None, None, Some(NodeKind::Paragraph)).unwrap();
        assert_eq!(o.find(3).unwrap().lead, None);
        // … and a new item gets the default style, or the one it is told.
        o.edit(3, None, None, Some(NodeKind::Item)).unwrap();
        assert_eq!(o.find(3).unwrap().lead, Some(LeadStyle::Shi));
        o.edit(7, None, Some(LeadStyle::Order), Some(NodeKind::Item))
            .unwrap();
        assert_eq!(o.find(7).unwrap().lead, Some(LeadStyle::Order));
        // An item told its own kind keeps its style.
        o.edit(2, None, None, Some(NodeKind::Item)).unwrap();
        assert_eq!(o.find(2).unwrap().lead, Some(LeadStyle::Yao));
        // A heading without children may become an item; an item a heading.
        o.edit(6, None, None, Some(NodeKind::Heading)).unwrap();
        assert_eq!(
            (o.find(6).unwrap().kind, o.find(6).unwrap().lead),
            (NodeKind::Heading, None)
        );
        o.edit(6, None, None, Some(NodeKind::Item)).unwrap();
        assert_eq!(o.find(6).unwrap().lead, Some(LeadStyle::Shi));
    }

    #[test]
    fn a_heading_with_children_keeps_its_kind() {
        let mut o = sample();
        let before = o.clone();
        let r = o.edit(1, Some("改"), None, Some(NodeKind::Item));
        refused(
            &before,
            &o,
            r,
            ErrorKind::BadInput,
            "heading 1 has items under it; move or remove them first",
        );
        // Telling it the kind it has is no change.
        o.edit(1, Some("改"), None, Some(NodeKind::Heading))
            .unwrap();
        assert_eq!(o.find(1).unwrap().text, "改");
    }

    #[test]
    fn becoming_a_heading_checks_the_depth() {
        let mut o = deep();
        let before = o.clone();
        let r = o.edit(5, None, None, Some(NodeKind::Heading));
        refused(
            &before,
            &o,
            r,
            ErrorKind::BadInput,
            "headings would go 5 levels deep there; at most 4 (一、（一）1.（1）)",
        );
        o.edit(5, None, None, Some(NodeKind::Paragraph)).unwrap();
        o.remove(4).unwrap();
        o.insert(Place::Under(3), vec![new_item("条", None)], Adopt::Always)
            .unwrap();
        o.edit(-1, None, None, Some(NodeKind::Heading)).unwrap();
    }
}
