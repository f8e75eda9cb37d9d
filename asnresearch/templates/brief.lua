-- Pandoc filter for notebook -> Typst briefs: keep narrative and outputs, drop all code.
-- Cells tagged remove-cell vanish, code sources vanish, HTML outputs (DataFrames) become real
-- tables, Markdown outputs become text, and the plain-text twin of a rich output is dropped.
-- Pandoc applies this bottom-up: output divs are rewritten before their cells.

local function has_tag(el, tag)
  local tags = el.attributes["tags"]
  return tags ~= nil and tags:find('"' .. tag .. '"', 1, true) ~= nil
end

local function rewrite_output(el)
  for _, b in ipairs(el.content) do
    if b.t == "RawBlock" and (b.format == "html" or b.format == "markdown") then
      return pandoc.Div(pandoc.read(b.text, b.format).blocks)
    end
  end
  local figures = {}
  for _, b in ipairs(el.content) do
    if b.t ~= "CodeBlock" and b.t ~= "RawBlock" then table.insert(figures, b) end
  end
  if #figures > 0 then return pandoc.Div(figures) end
  return pandoc.Div(el.content)  -- plain text output (printed figures), kept as is
end

function Div(el)
  if el.classes:includes("output") then
    return rewrite_output(el)
  end
  if el.classes:includes("cell") then
    if has_tag(el, "remove-cell") then return {} end
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
  doc.blocks = blocks
  return doc
end
