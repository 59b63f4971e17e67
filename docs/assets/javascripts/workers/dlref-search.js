/*
 * dlref: a query normaliser in front of Material's search worker.
 *
 * docs/hooks/search_split.py points Material's config at this file, with
 * Material's own worker in the query string (?material=search.<hash>.min.js).
 * It sits next to that worker so Material's relative imports (../lunr/...)
 * resolve as before. Each query message is rewritten word by word before
 * Material's handler sees it; everything else (index, ranking, UI) is Material's.
 *
 *   - a trailing Korean particle is dropped (정규화를 -> 정규화, 모멘텀으로 -> 모멘텀)
 *     when at least two syllables remain; Material matches each word as a prefix,
 *     so the bare stem still finds 정규화를, 정규화는 ... in the text;
 *   - -ize/-yze words take the British -ise/-yse of the prose (the index carries
 *     the British form of every American word, see docs/hooks/search_variants.py,
 *     whose pattern this one must equal);
 *   - an English plural is made singular (functions -> function, biases -> bias).
 */
"use strict"

const PARTICLE = /^(.*?[가-힣])(에서|으로|을|를|이|가|은|는|의|에|로|와|과|도)$/
const HANGUL = /[가-힣]/g
const AMERICAN = /(?<![a-z])([a-z]{3,}[iy])z(?=(?:ations?|ing|ers?|es|ed|e)?(?![a-z]))/gi
const NOT_PLURAL = new Set(["bias", "alias", "atlas", "canvas", "lens", "news", "series", "species", "always", "whereas", "perhaps"])

function british(word) {
  return word.replace(AMERICAN, "$1s")
}

function singular(word) {
  const lower = word.toLowerCase()
  if (!/[a-z]{3,}s$/i.test(word) || NOT_PLURAL.has(lower))
    return word
  if (/ies$/i.test(word))
    return word.slice(0, -3) + "y"
  if (/(?:s|x|z|ch|sh)es$/i.test(word))
    return word.slice(0, -2)
  if (/(?:ss|us|is)$/i.test(word))
    return word
  return word.slice(0, -1)
}

function normaliseWord(word) {
  const particle = PARTICLE.exec(word)
  if (particle && (particle[1].match(HANGUL) || []).length >= 2)
    return particle[1]
  return singular(british(word))
}

function normaliseQuery(query) {
  return query.replace(/[^\s"]+/g, part => {
    // keep Material's query syntax around the word: +must -not field: word* word~1
    const m = /^([+-]?(?:[a-z]+:)?)(.*?)([*~^]\d*)?$/i.exec(part)
    return m[2] ? m[1] + normaliseWord(m[2]) + (m[3] || "") : part
  })
}

if (typeof module !== "undefined") {
  module.exports = { british, normaliseQuery, normaliseWord }
} else {
  const QUERY = 2 // Material's SearchMessageType.QUERY
  self.addEventListener("message", ev => {
    if (ev.data && ev.data.type === QUERY && typeof ev.data.data === "string")
      ev.data.data = normaliseQuery(ev.data.data)
  })
  importScripts(new URLSearchParams(self.location.search).get("material"))
}
