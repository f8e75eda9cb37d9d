-- Pandoc filter for notebook -> Typst briefs: keep narrative and outputs, drop all code.
-- Cells tagged remove-cell or html-only (the HTML's title block: the PDF makes its own from
-- the metadata) vanish, code sources vanish, HTML outputs (DataFrames) become real tables,
-- Markdown outputs become text, and the plain-text twin of a rich output is dropped.
-- Pandoc applies this bottom-up: output divs are rewritten before their cells. Cells and
-- outputs are unwrapped rather than kept as Typst blocks, so that a heading, a picture and
-- its caption, or a caption and its table are neighbours that can be kept on one page.

local function has_tag(el, tag)
  local tags = el.attributes["tags"]
  return tags ~= nil and tags:find('"' .. tag .. '"', 1, true) ~= nil
end

local function rewrite_output(el)
  for _, b in ipairs(el.content) do
    if b.t == "RawBlock" and (b.format == "html" or b.format == "markdown") then
      return pandoc.read(b.text, b.format).blocks
    end
  end
  local figures = {}
  for _, b in ipairs(el.content) do
    if b.t ~= "CodeBlock" and b.t ~= "RawBlock" then table.insert(figures, b) end
  end
  if #figures > 0 then return figures end
  return el.content  -- plain text output (printed figures), kept as is
end

function Div(el)
  if el.classes:includes("output") then
    return rewrite_output(el)
  end
  if el.classes:includes("cell") then
    if has_tag(el, "remove-cell") or has_tag(el, "html-only") then return {} end
    if el.classes:includes("code") then
      if has_tag(el, "remove-output") then return {} end
      local kept = {}
      for _, b in ipairs(el.content) do
        if not (b.t == "CodeBlock" and b.classes:includes("python")) then
          table.insert(kept, b)
        end
      end
      return kept
    end
    return el.content
  end
end

-- a paragraph that is only a picture, or only an italic caption
local function is_picture(b)
  if b.t ~= "Para" and b.t ~= "Plain" then return false end
  local seen = false
  for _, x in ipairs(b.content) do
    if x.t == "Image" then seen = true
    elseif x.t ~= "Space" and x.t ~= "SoftBreak" then return false end
  end
  return seen
end

local function is_caption(b)
  return (b.t == "Para" or b.t == "Plain") and #b.content == 1 and b.content[1].t == "Emph"
end

-- Typst that opens and closes a block kept on the page of the block after it (the content
-- between stays pandoc's, so extracted pictures keep their paths)
local STICKY_OPEN = pandoc.RawBlock("typst", "#block(sticky: true)[")
local STICKY_CLOSE = pandoc.RawBlock("typst", "]")

function Pandoc(doc)
  -- raw cells never reach the brief; the notebook's own H1 is replaced by the title block
  local blocks = {}
  local title_dropped = doc.meta.title == nil
  for _, b in ipairs(doc.blocks) do
    if b.t == "Header" and b.level == 1 and not title_dropped then
      title_dropped = true
    elseif b.t ~= "RawBlock" then
      table.insert(blocks, b)
    end
  end
  -- headings stay with what follows them, pictures with their captions, captions with their
  -- tables
  -- (and table cells are set ragged-right: justified narrow columns open wide gaps)
  local kept = {pandoc.RawBlock("typst", "#show heading: set block(sticky: true)"),
                pandoc.RawBlock("typst", "#show table: set par(justify: false)")}
  for i, b in ipairs(blocks) do
    local next = blocks[i + 1]
    if next ~= nil and ((is_picture(b) and is_caption(next))
                        or (is_caption(b) and next.t == "Table")) then
      table.insert(kept, STICKY_OPEN)
      table.insert(kept, b)
      table.insert(kept, STICKY_CLOSE)
    else
      table.insert(kept, b)
    end
  end
  doc.blocks = kept
  return doc
end
