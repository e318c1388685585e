// Organization names as Xapian synonyms, so a query in any of them finds the organization.
#pragma once

#include <xapian.h>

#include "core/gazetteer.h"

namespace caravan {

// For every name, label and acronym of every organization, adds the synonym
// key(normalized name) -> "XO:<id>": searchd's query builder ORs the organization's filter term
// into a query that names it ("УНП ООН", "unodc", "United Nations Office on Drugs and Crime").
void add_organization_synonyms(Xapian::WritableDatabase& db, const Gazetteer& organizations);

}  // namespace caravan
