"""Search: the index, filters, records and places the search page reads.

Pure functions of the model, knowing nothing about the build
(``outputs/search.py`` writes what they return): ``documents`` says what each
entry gives search, ``index`` builds one lunr index and splits it by term,
``facets`` and ``geo`` the filters and places. The format is in
docs/search-index.md.
"""
