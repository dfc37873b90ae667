{{ stg_ofac_remark_facts('raw_ofac_cons', 'OFACCONS') }}
