"""Files that other tools write and read: the visit file (``studyvisit/1``), participant lists."""
