//! The library as the faces show it: blocks and phrases as views, adding, editing,
//! deleting with 撤销 (the item comes back with its id, use count and favourite in one
//! transaction), saving a draft's item back as a block.

use super::view::{BlockInput, BlockView, PhraseInput, PhraseView, TagView};
use super::Session;
use crate::error::{Error, Result, Thing};
use crate::markup;
use crate::outline::{LeadStyle, NewNode};
use crate::search::ItemKind;
use crate::store::{Block, BlockQuery, NewBlock, Phrase};

pub fn block_view(b: Block) -> BlockView {
    BlockView {
        id: b.id,
        title: b.title,
        text: b.text,
        lead: b.lead.id().into(),
        types: b.types,
        tags: b.tags,
        favourite: b.favourite,
        use_count: b.use_count,
        builtin: b.builtin,
    }
}

pub fn phrase_view(p: Phrase) -> PhraseView {
    PhraseView {
        id: p.id,
        text: p.text,
        tags: p.tags,
        types: p.types,
        favourite: p.favourite,
        use_count: p.use_count,
    }
}

fn new_block(input: BlockInput) -> Result<NewBlock> {
    Ok(NewBlock {
        title: Some(input.title).filter(|t| !t.trim().is_empty()),
        text: input.text,
        lead: LeadStyle::parse(&input.lead)?,
        types: input.types,
        tags: input.tags,
    })
}

/// Results shown at most at once, whatever a face asks for.
const MAX_RESULTS: u32 = 1000;

impl Session {
    pub fn search_blocks(
        &self,
        query: String,
        speech_type: Option<String>,
        tag: Option<String>,
        limit: u32,
    ) -> Result<Vec<BlockView>> {
        let q = BlockQuery {
            text: query,
            speech_type: speech_type.filter(|t| !t.is_empty()),
            tag: tag.filter(|t| !t.is_empty()),
            limit: limit.clamp(1, MAX_RESULTS) as usize,
        };
        Ok(self
            .store
            .search_blocks(&q)?
            .into_iter()
            .map(block_view)
            .collect())
    }

    pub fn search_phrases(&self, query: &str, limit: u32) -> Result<Vec<PhraseView>> {
        Ok(self
            .store
            .search_phrases(query, limit.clamp(1, MAX_RESULTS) as usize)?
            .into_iter()
            .map(phrase_view)
            .collect())
    }

    pub fn add_block(&mut self, input: BlockInput) -> Result<BlockView> {
        let id = self.store.add_block(new_block(input)?)?;
        self.store.block(id).map(block_view)
    }

    pub fn update_block(&mut self, id: i64, input: BlockInput) -> Result<BlockView> {
        self.store.update_block(id, new_block(input)?)?;
        self.store.block(id).map(block_view)
    }

    /// Saves an outline item (with everything under it) as a new library block.
    pub fn save_node_to_library(
        &mut self,
        draft: i64,
        node: i64,
        tags: Vec<String>,
    ) -> Result<BlockView> {
        let d = self.store.draft(draft)?;
        let n = d
            .find(node)
            .ok_or_else(|| Error::not_found(Thing::Item, node))?;
        let text = markup::write_outline(&[NewNode::from(n)]);
        let id = self.store.add_block(NewBlock {
            title: None,
            text,
            lead: n.lead.unwrap_or_default(),
            types: vec![d.speech_type.clone()],
            tags,
        })?;
        self.store.block(id).map(block_view)
    }

    pub fn add_phrase(&mut self, p: PhraseInput) -> Result<PhraseView> {
        let id = self.store.add_phrase(&p.text, &p.tags, &p.types)?;
        self.store.phrase(id).map(phrase_view)
    }

    pub fn update_phrase(&mut self, id: i64, p: PhraseInput) -> Result<PhraseView> {
        self.store.update_phrase(id, &p.text, &p.tags, &p.types)?;
        self.store.phrase(id).map(phrase_view)
    }

    /// Deletes a block; [`Session::undo_delete_block`] brings it back as it was.
    pub fn delete_block(&mut self, id: i64) -> Result<()> {
        let d = self.store.delete_item(ItemKind::Block, id)?;
        self.deleted_blocks.push(d);
        Ok(())
    }

    /// Brings back the block deleted last: same id, use count, favourite, tags.
    pub fn undo_delete_block(&mut self) -> Result<Option<BlockView>> {
        let Some(d) = self.deleted_blocks.pop() else {
            return Ok(None);
        };
        if let Err(e) = self.store.restore_item(&d) {
            self.deleted_blocks.push(d);
            return Err(e);
        }
        self.store.block(d.id).map(|b| Some(block_view(b)))
    }

    pub fn delete_phrase(&mut self, id: i64) -> Result<()> {
        let d = self.store.delete_item(ItemKind::Phrase, id)?;
        self.deleted_phrases.push(d);
        Ok(())
    }

    pub fn undo_delete_phrase(&mut self) -> Result<Option<PhraseView>> {
        let Some(d) = self.deleted_phrases.pop() else {
            return Ok(None);
        };
        if let Err(e) = self.store.restore_item(&d) {
            self.deleted_phrases.push(d);
            return Err(e);
        }
        self.store.phrase(d.id).map(|p| Some(phrase_view(p)))
    }

    pub fn tag_views(&self) -> Result<Vec<TagView>> {
        Ok(self
            .store
            .tags()?
            .into_iter()
            .map(|t| TagView {
                name: t.name,
                blocks: t.blocks as u32,
                phrases: t.phrases as u32,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn session() -> Session {
        Session::with_store(Store::open_in_memory().unwrap(), "memory".into())
    }

    /// 撤销 of a deleted block gives back the same block: id, use count, favourite, tags,
    /// and it is found by search again.
    #[test]
    fn undo_of_a_deleted_block_keeps_its_id_and_use_count() {
        let mut s = session();
        let b = s
            .add_block(BlockInput {
                title: "职工书屋".into(),
                text: "建好职工书屋，办好读书分享会。".into(),
                lead: "shi".into(),
                types: vec![],
                tags: vec!["阅读".into()],
            })
            .unwrap();
        let draft = s.create_draft("opening-conference", None, &[]).unwrap();
        s.insert_block(draft, &b.id.into(), crate::store::Place::End)
            .unwrap();
        s.store.set_favourite(ItemKind::Block, b.id, true).unwrap();
        let before = s.store.block(b.id).unwrap();
        assert_eq!(before.use_count, 1);
        s.delete_block(b.id).unwrap();
        assert!(s.store.block(b.id).is_err());
        let back = s.undo_delete_block().unwrap().unwrap();
        assert_eq!(back.id, b.id);
        let after = s.store.block(b.id).unwrap();
        assert_eq!(after, before);
        let found = s.search_blocks("职工书屋".into(), None, None, 10).unwrap();
        assert_eq!(
            found.first().map(|f| f.id),
            Some(b.id),
            "found again, title first"
        );
        assert!(s.undo_delete_block().unwrap().is_none());
    }

    #[test]
    fn undo_of_a_deleted_phrase_keeps_its_id() {
        let mut s = session();
        let p = s
            .add_phrase(PhraseInput {
                text: "撸起袖子加油干".into(),
                types: vec![],
                tags: vec!["干劲".into()],
            })
            .unwrap();
        s.store.use_phrase(p.id).unwrap();
        s.delete_phrase(p.id).unwrap();
        let back = s.undo_delete_phrase().unwrap().unwrap();
        assert_eq!(
            (back.id, back.use_count, back.tags.clone()),
            (p.id, 1, p.tags)
        );
    }
}
