{{ stg_ofac_remark_facts('raw_ofac_sdn', 'OFAC') }}
